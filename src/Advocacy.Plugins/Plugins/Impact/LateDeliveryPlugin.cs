using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Query;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// An order fulfilled after the delivery date the customer was promised becomes a late-delivery
    /// inconvenience by itself — once per order — so nobody has to remember to log it. Creating it runs the
    /// scoring and follow-up steps in the same transaction.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Update, "salesorder", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "datefulfilled,requestdeliveryby", "Advocacy: detect late delivery", 10, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "name,ordernumber,customerid,datefulfilled,requestdeliveryby,totalamount",
        Description = "Creates a late-delivery inconvenience when an order is fulfilled after its requested delivery date.")]
    public sealed class LateDeliveryPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var order = context.PostImage("post") ?? throw new InvalidPluginExecutionException("The step 'detect late delivery' needs its post-image 'post'; re-register the step with it.");
            var promised = order.GetAttributeValue<DateTime?>("requestdeliveryby");
            var fulfilled = order.GetAttributeValue<DateTime?>("datefulfilled");
            if (!promised.HasValue || !fulfilled.HasValue)
            {
                context.Trace("Order {0}: {1}; not a late delivery (yet).", order.Id, promised.HasValue ? "not fulfilled" : "no requested delivery date");
                return;
            }

            // Dates are compared as dates: delivered on the promised day is on time, whatever the hour.
            if (fulfilled.Value.Date <= promised.Value.Date)
            {
                context.Trace("Order {0}: fulfilled {1:yyyy-MM-dd}, promised {2:yyyy-MM-dd}: on time.", order.Id, fulfilled.Value, promised.Value);
                return;
            }

            var customer = order.GetAttributeValue<EntityReference>("customerid");
            if (customer == null || customer.LogicalName != "account")
            {
                context.Trace("Order {0} is late but its customer is not an account; advocacy covers accounts only.", order.Id);
                return;
            }

            var system = context.SystemService;
            var existing = new QueryExpression("adv_inconvenience") { ColumnSet = new ColumnSet(false), TopCount = 1 };
            existing.Criteria.AddCondition("adv_orderid", ConditionOperator.Equal, order.Id);
            if (system.RetrieveMultiple(existing).Entities.Count > 0)
            {
                context.Trace("Order {0} already has an inconvenience; none created (once per order).", order.Id);
                return;
            }

            var label = order.GetAttributeValue<string>("name") ?? order.GetAttributeValue<string>("ordernumber") ?? order.Id.ToString("D");
            var inconvenience = new Entity("adv_inconvenience")
            {
                ["adv_name"] = Truncate("Late delivery: " + label, 100),
                ["adv_accountid"] = customer,
                ["adv_orderid"] = new EntityReference("salesorder", order.Id),
                ["adv_kind"] = Choices.Option(InconvenienceKind.LateDelivery),
                ["adv_promisedon"] = promised.Value,
                ["adv_resolvedon"] = fulfilled.Value,
                ["adv_ordervalue"] = order.GetAttributeValue<Money>("totalamount"),
                ["adv_businesscritical"] = false,
            };
            var id = system.Create(inconvenience);
            context.Trace("Order {0} fulfilled {1:yyyy-MM-dd}, promised {2:yyyy-MM-dd}: created late-delivery inconvenience {3} (as system user: the person fulfilling the order may not log inconveniences).",
                order.Id, fulfilled.Value, promised.Value, id);
        }

        private static string Truncate(string value, int max) => value.Length <= max ? value : value.Substring(0, max);
    }
}
