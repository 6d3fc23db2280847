using System;
using Advocacy.Plugins.Application.Impact;
using Microsoft.Xrm.Sdk;
using Advocacy.Plugins.Domain.Words;
using Advocacy.Plugins.Domain;

namespace Advocacy.Plugins.Plugins.Impact
{
    /// <summary>
    /// An order fulfilled after the delivery date the customer was promised becomes a late-delivery
    /// inconvenience by itself — once per order — so nobody has to remember to log it. Creating it runs the
    /// scoring and follow-up steps in the same transaction.
    /// </summary>
    [CrmPluginRegistration(MessageNameEnum.Update, "salesorder", StageEnum.PostOperation, ExecutionModeEnum.Synchronous,
        "datefulfilled,requestdeliveryby", "Advocacy: detect late delivery", 10, IsolationModeEnum.Sandbox,
        Image1Name = "post", Image1Type = ImageTypeEnum.PostImage, Image1Attributes = "name,ordernumber,customerid,datefulfilled,requestdeliveryby,totalamount,transactioncurrencyid",
        Description = "Creates a late-delivery inconvenience when an order is fulfilled after its requested delivery date.")]
    public sealed class LateDeliveryPlugin : AdvocacyPlugin
    {
        protected override void Execute(PluginContext context)
        {
            var order = context.PostImage("post") ?? throw new AdvocacyInputException(Phrase.Of(TextKey.ErrorStepNeedsPostImage, "detect late delivery"));
            var customer = order.GetAttributeValue<EntityReference>("customerid");
            new DetectLateDelivery(context).Run(new FulfilledOrder
            {
                OrderId = order.Id,
                Label = order.GetAttributeValue<string>("name") ?? order.GetAttributeValue<string>("ordernumber") ?? order.Id.ToString("D"),
                RequestedDeliveryBy = order.GetAttributeValue<DateTime?>("requestdeliveryby"),
                FulfilledOn = order.GetAttributeValue<DateTime?>("datefulfilled"),
                AccountId = customer?.LogicalName == "account" ? customer.Id : (Guid?)null,
                TotalAmount = order.GetAttributeValue<Money>("totalamount"),
                CurrencyId = order.GetAttributeValue<EntityReference>("transactioncurrencyid")?.Id,
            });
        }
    }
}
