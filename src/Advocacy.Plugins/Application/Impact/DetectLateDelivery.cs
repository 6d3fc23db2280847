using System;
using Advocacy.Plugins.Data;
using Advocacy.Plugins.Domain.Time;

namespace Advocacy.Plugins.Application.Impact
{
    /// <summary>An order as late-delivery detection reads it.</summary>
    public sealed class FulfilledOrder
    {
        public Guid OrderId { get; set; }

        /// <summary>The order's currency: the inconvenience's order value is in it.</summary>
        public Guid? CurrencyId { get; set; }
        public string Label { get; set; } = string.Empty;
        public DateTime? RequestedDeliveryBy { get; set; }
        public DateTime? FulfilledOn { get; set; }

        /// <summary>Null when the customer is not an account (a contact, or empty).</summary>
        public Guid? AccountId { get; set; }

        public Microsoft.Xrm.Sdk.Money? TotalAmount { get; set; }
    }

    /// <summary>
    /// An order fulfilled after the delivery date the customer was promised becomes a late-delivery inconvenience by
    /// itself — once per order — so nobody has to remember to log it. Creating it runs the scoring and follow-up steps
    /// in the same transaction. Created as <see cref="IAdvocacyHost.SystemService"/>: the person fulfilling the order
    /// may not log inconveniences.
    /// </summary>
    public sealed class DetectLateDelivery
    {
        private readonly IAdvocacyHost _host;

        public DetectLateDelivery(IAdvocacyHost host)
        {
            _host = host;
        }

        /// <summary>Returns the new inconvenience's id, or null when the order is not (newly) late.</summary>
        public Guid? Run(FulfilledOrder order)
        {
            if (!order.RequestedDeliveryBy.HasValue || !order.FulfilledOn.HasValue)
            {
                _host.Trace("Order {0}: {1}; not a late delivery (yet).", order.OrderId, order.RequestedDeliveryBy.HasValue ? "not fulfilled" : "no requested delivery date");
                return null;
            }

            var promised = order.RequestedDeliveryBy.Value;
            var fulfilled = order.FulfilledOn.Value;

            if (!order.AccountId.HasValue)
            {
                _host.Trace("Order {0}: its customer is not an account; advocacy covers accounts only.", order.OrderId);
                return null;
            }

            // Dates are compared as dates, as the account's owner sees them (the same days scoring counts): delivered
            // on the promised day is on time, whatever the hour, and a clock change between the two dates (London's
            // midnight is 00:00Z in winter, 23:00Z the day before in summer) cannot make a late order look on time.
            var zone = _host.Zones.OfOwnerOf("account", order.AccountId.Value);
            var daysLate = LocalDays.DaysBetween(zone, promised, fulfilled);
            if (daysLate <= 0)
            {
                _host.Trace("Order {0}: fulfilled {1:yyyy-MM-dd}, promised {2:yyyy-MM-dd} in {3} (the account owner's zone): on time.",
                    order.OrderId, LocalDays.DateOf(zone, fulfilled), LocalDays.DateOf(zone, promised), zone.Name);
                return null;
            }

            var rows = new InconvenienceRows(_host.SystemService);
            if (rows.ExistsForOrder(order.OrderId))
            {
                _host.Trace("Order {0} already has an inconvenience; none created (once per order).", order.OrderId);
                return null;
            }

            var total = order.TotalAmount;
            if (total != null && (total.Value < 0 || total.Value > Domain.Impact.ImpactScorer.MaxAmount))
            {
                // Scoring refuses such an amount, and the refusal would undo the user's fulfilment of the order: the
                // late delivery is still recorded, without an order value, and the trace says why.
                _host.Trace("Order {0}: its total {1} is outside what an inconvenience can score (0 to {2}); the inconvenience is created without an order value.",
                    order.OrderId, total.Value, Domain.Impact.ImpactScorer.MaxAmount);
                total = null;
            }

            var name = "Late delivery: " + order.Label;
            var id = rows.CreateLateDelivery(name.Length <= 100 ? name : name.Substring(0, 100), order.AccountId.Value, order.OrderId, promised, fulfilled, total, order.CurrencyId);
            _host.Trace("Order {0} fulfilled {1:yyyy-MM-dd}, promised {2:yyyy-MM-dd}: created late-delivery inconvenience {3} (as {4}: the person fulfilling the order may not log inconveniences).",
                order.OrderId, fulfilled, promised, id, _host.SystemIdentity);
            return id;
        }
    }
}
