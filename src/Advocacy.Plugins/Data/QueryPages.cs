using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Data
{
    /// <summary>Every row of a paged query, page after page with the platform's paging cookie (one query a page).</summary>
    internal static class QueryPages
    {
        /// <param name="query">Carries its PageInfo (the page size) and an order on a unique column.</param>
        public static IEnumerable<Entity> All(IOrganizationService service, QueryExpression query)
        {
            while (true)
            {
                var page = service.RetrieveMultiple(query);
                foreach (var row in page.Entities)
                {
                    yield return row;
                }

                if (!page.MoreRecords)
                {
                    yield break;
                }

                query.PageInfo.PageNumber++;
                query.PageInfo.PagingCookie = page.PagingCookie;
            }
        }
    }
}
