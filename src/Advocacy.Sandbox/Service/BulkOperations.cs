using System;
using System.Collections.Generic;
using Microsoft.Xrm.Sdk;
using Microsoft.Xrm.Sdk.Messages;

namespace Advocacy.Sandbox
{
    /// <summary>
    /// CreateMultiple, UpdateMultiple and UpsertMultiple (late-bound by name: OrganizationRequest with a "Targets"
    /// EntityCollection), as Microsoft Learn's "Use bulk operation messages" describes them for standard tables:
    /// <list type="bullet">
    /// <item>all rows are one table's: the collection's EntityName is required and every Target must be of that table;</item>
    /// <item>one transaction: any failure rolls back every row (standard tables; elastic tables' partial success is not modelled);</item>
    /// <item>"message pipelines merged": each Target runs the single-row Create / Update / Upsert event with its own steps,
    /// and steps registered on the bulk message itself run once for the whole collection (its Targets in their
    /// InputParameters); and a single Create / Update / Upsert raises its bulk message's synchronous steps with a Targets
    /// collection of that one row (the same Entity, so a pre-operation step's change is saved), after the single-row
    /// steps of the same stage;</item>
    /// <item>entity images: a step on the bulk message gets its registered images per Target through IPluginExecutionContext4's
    /// PreEntityImagesCollection / PostEntityImagesCollection (one EntityImageCollection per entry of Targets, in its order),
    /// with PreEntityImages / PostEntityImages empty (Learn, "Write plug-ins for CreateMultiple and UpdateMultiple"). The
    /// columns are the image's, plus the id, as for a single-row step. As Learn's "Register a plug-in" ("Availability of
    /// images") states for Create and for every step: no pre-image for CreateMultiple's rows, post-images in post-operation
    /// only. UpsertMultiple (Learn says nothing of its images) gets the row before for a Target that existed and none for
    /// one it creates. Pre-images are read before the main operation (inside the transaction, after locking the rows, for
    /// steps of stages 20 and 40), post-images after it; a single row's merged run shares the row's own images. Rows are
    /// read only when a step of the bulk message on that table wants an image of that kind (<see cref="StepPlan"/>);</item>
    /// <item>responses: CreateMultiple returns "Ids" (Guid[], in Target order), UpsertMultiple "Results" (UpsertResponse[]),
    /// UpdateMultiple nothing.</item>
    /// </list>
    /// No row-count limit is applied: Dataverse sets none for standard tables, only payload size and time limits.
    /// </summary>
    internal sealed partial class MessageEngine
    {
        private static string? BulkMessageOf(string messageKey) => messageKey switch
        {
            "create" => "CreateMultiple",
            "update" => "UpdateMultiple",
            "upsert" => "UpsertMultiple",
            _ => null,
        };

        /// <summary>The steps of the bulk message a single Create / Update / Upsert raises (null: it raises none), looked up once per operation.</summary>
        private StepPlan? BulkPlanOf(Operation op)
        {
            // A row of a bulk operation raises nothing: its bulk message's steps run once for all rows.
            if (op.InBulk || op.GivenTarget == null || BulkMessageOf(op.MessageKey) is not { } bulk)
            {
                return null;
            }
            return op.BulkPlan ??= _sandbox.Steps.PlanFor(bulk, op.Entity);
        }

        private void RunBulkStepsOfSingleRow(Operation op, PipelineStage stage)
        {
            if (BulkPlanOf(op) is not { IsEmpty: false } plan || op.Target is not Entity target)
            {
                return;
            }
            string bulk = BulkMessageOf(op.MessageKey)!;
            foreach (var step in plan.For(stage, isAsync: false))
            {
                if (!step.PassesFilter("Update", target))
                {
                    continue;
                }
                var context = BuildContext(op, step, stage, singleRowImages: false);
                context.MessageName = bulk;
                context.InputParameters = new ParameterCollection
                {
                    ["Targets"] = new EntityCollection(new System.Collections.Generic.List<Entity> { target }) { EntityName = target.LogicalName },
                };
                if (stage == PipelineStage.PostOperation)
                {
                    context.OutputParameters = new ParameterCollection();
                    if (bulk == "CreateMultiple")
                    {
                        context.OutputParameters["Ids"] = new[] { op.EntityId };
                    }
                    else if (bulk == "UpsertMultiple" && op.Output.TryGetValue("Target", out var reference))
                    {
                        context.OutputParameters["Results"] = new[] { new UpsertResponse { Results = { ["Target"] = reference, ["RecordCreated"] = op.Output["RecordCreated"] } } };
                    }
                }
                // The row's images as a one-entry collection per kind, as for any bulk step; PreEntityImages and
                // PostEntityImages stay empty.
                context.PreEntityImagesCollection = new[] { ImagesOf(step, op.PreImage, pre: true) };
                context.PostEntityImagesCollection = new[] { ImagesOf(step, stage == PipelineStage.PostOperation ? op.PostImage : null, pre: false) };
                RunStep(context, step, op.Transaction);
            }
        }

        private OrganizationResponse Multiple(Operation op)
        {
            var targets = op.Input.TryGetValue("Targets", out var t) ? t as EntityCollection : null;
            if (targets == null)
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument, $"{op.Message}: the parameter 'Targets' is missing or is not an EntityCollection.");
            }
            if (string.IsNullOrEmpty(targets.EntityName))
            {
                throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                    $"{op.Message}: Targets.EntityName must be set; every row of a bulk operation belongs to that one table.");
            }
            if (!_sandbox.Metadata.TableExists(targets.EntityName))
            {
                throw Faults.UnknownEntity(targets.EntityName);
            }
            for (int i = 0; i < targets.Entities.Count; i++)
            {
                var row = targets.Entities[i];
                if (row == null || !string.Equals(row.LogicalName, targets.EntityName, StringComparison.OrdinalIgnoreCase))
                {
                    throw new SandboxFaultException(ErrorCodes.InvalidArgument,
                        $"{op.Message}: Targets[{i}] is a '{row?.LogicalName}' row, but Targets.EntityName is '{targets.EntityName}': every row of a bulk operation belongs to the same table.");
                }
            }

            var ids = new Guid[targets.Entities.Count];
            var upserts = new List<UpsertResponse>();
            for (int i = 0; i < ids.Length; i++)
            {
                var row = targets.Entities[i];
                switch (op.MessageKey)
                {
                    case "createmultiple":
                        ExecuteInner(op, new CreateRequest { Target = row }, inBulk: true, out ids[i]);
                        break;
                    case "updatemultiple":
                        ExecuteInner(op, new UpdateRequest { Target = row }, inBulk: true, out ids[i]);
                        break;
                    default:
                        upserts.Add((UpsertResponse)ExecuteInner(op, new UpsertRequest { Target = row }, inBulk: true, out ids[i]));
                        break;
                }
            }
            op.BulkIds = ids; // the rows the post-images are read from

            var response = new OrganizationResponse { Results = op.Output };
            if (op.Message.Equals("CreateMultiple", StringComparison.OrdinalIgnoreCase))
            {
                op.Output["Ids"] = (Guid[])ids.Clone();
            }
            else if (op.Message.Equals("UpsertMultiple", StringComparison.OrdinalIgnoreCase))
            {
                op.Output["Results"] = upserts.ToArray();
            }
            return response;
        }
    }
}
