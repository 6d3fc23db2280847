using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;
using System.Xml.Linq;
using Advocacy.Plugins.Domain.Settings;
using Microsoft.VisualStudio.TestTools.UnitTesting;

namespace Advocacy.Plugins.Tests.SolutionSchema
{
    /// <summary>
    /// Consistency checks of the hand-authored solution under <c>solution/</c>: what Dataverse (or SolutionPackager)
    /// would reject at import, caught at build time.
    /// </summary>
    [TestClass]
    public sealed class SolutionSchemaTests
    {
        private const int OptionValuePrefix = 10452;

        private static SolutionFolder S => SolutionFolder.Current;

        private static void NoFailures(List<string> failures)
        {
            Assert.AreEqual(0, failures.Count, Environment.NewLine + string.Join(Environment.NewLine, failures));
        }

        [TestMethod]
        public void Every_xml_file_is_well_formed()
        {
            Assert.IsTrue(S.XmlFiles.Count > 20, "the solution folder looks empty");
            NoFailures(S.LoadErrors.Select(e => $"{e.Key}: {e.Value}").ToList());
        }

        [TestMethod]
        public void Manifest_names_the_solution_and_publisher()
        {
            var m = S.SolutionXml.Root!.Element("SolutionManifest")!;
            Assert.AreEqual("CustomerAdvocacy", (string?)m.Element("UniqueName"));
            Assert.AreEqual("1.0.0.0", (string?)m.Element("Version"));
            Assert.AreEqual("0", (string?)m.Element("Managed"));
            var p = m.Element("Publisher")!;
            Assert.AreEqual("customeradvocacy", (string?)p.Element("UniqueName"));
            Assert.AreEqual("adv", (string?)p.Element("CustomizationPrefix"));
            Assert.AreEqual(OptionValuePrefix.ToString(), (string?)p.Element("CustomizationOptionValuePrefix"));
        }

        private static IEnumerable<(string Type, string Key, string Behavior)> RootComponents() =>
            S.SolutionXml.Root!.Element("SolutionManifest")!.Element("RootComponents")!.Elements("RootComponent")
                .Select(r => ((string)r.Attribute("type")!,
                              ((string?)r.Attribute("schemaName") ?? SolutionFolder.Id((string?)r.Attribute("id"))).ToLowerInvariant(),
                              (string?)r.Attribute("behavior") ?? "0"));

        /// <summary>The components that the files define, as (root component type, key).</summary>
        private static HashSet<(string, string)> ComponentsInFiles()
        {
            var set = new HashSet<(string, string)>();
            foreach (var e in S.Entities.Values)
            {
                set.Add(("1", e.LogicalName));
            }

            foreach (var d in S.Under("OptionSets"))
            {
                set.Add(("9", ((string)d.Value.Root!.Attribute("Name")!).ToLowerInvariant()));
            }

            foreach (var d in S.Under("Roles"))
            {
                set.Add(("20", SolutionFolder.Id((string?)d.Value.Root!.Attribute("id"))));
            }

            foreach (var d in S.Under("Dashboards"))
            {
                set.Add(("60", SolutionFolder.Id((string?)d.Value.Root!.Element("FormId"))));
            }

            foreach (var d in S.Under("AppModuleSiteMaps"))
            {
                set.Add(("62", ((string)d.Value.Root!.Element("SiteMapUniqueName")!).ToLowerInvariant()));
            }

            foreach (var d in S.Under("AppModules"))
            {
                set.Add(("80", ((string)d.Value.Root!.Element("UniqueName")!).ToLowerInvariant()));
            }

            foreach (var d in S.Under("environmentvariabledefinitions"))
            {
                set.Add(("380", ((string)d.Value.Root!.Attribute("schemaname")!).ToLowerInvariant()));
            }

            foreach (var d in S.Under("WebResources").Where(d => d.Key.EndsWith(".data.xml", StringComparison.Ordinal)))
            {
                set.Add(("61", ((string)d.Value.Root!.Element("Name")!).ToLowerInvariant()));
            }

            return set;
        }

        [TestMethod]
        public void Every_root_component_is_defined_in_the_files()
        {
            var defined = ComponentsInFiles();
            var failures = RootComponents()
                .Where(r => !defined.Contains((r.Type, r.Key)))
                .Select(r => $"root component type {r.Type} '{r.Key}' has no file")
                .ToList();
            NoFailures(failures);
        }

        [TestMethod]
        public void Every_component_in_the_files_is_a_root_component()
        {
            var roots = RootComponents().Select(r => (r.Type, r.Key)).ToHashSet();
            var failures = ComponentsInFiles()
                .Where(c => !roots.Contains(c))
                .Select(c => $"type {c.Item1} '{c.Item2}' is defined in the files but not a RootComponent in Solution.xml")
                .ToList();
            NoFailures(failures);
        }

        [TestMethod]
        public void Standard_tables_are_included_without_their_metadata_and_custom_tables_in_full()
        {
            var failures = new List<string>();
            foreach (var r in RootComponents().Where(r => r.Type == "1"))
            {
                var custom = S.IsCustomTable(r.Key);
                if (custom && r.Behavior != "0")
                {
                    failures.Add($"custom table {r.Key} must be included with behavior 0 (all subcomponents)");
                }

                if (!custom && r.Behavior != "2")
                {
                    failures.Add($"standard table {r.Key} must be included with behavior 2 (only our subcomponents)");
                }
            }

            foreach (var e in S.Entities.Values.Where(e => !e.IsCustomTable))
            {
                failures.AddRange(e.Attributes.Keys.Where(a => !a.StartsWith("adv_", StringComparison.Ordinal))
                    .Select(a => $"{e.LogicalName}.{a}: a standard table's Entity.xml must only carry our (adv_) columns"));
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Custom_tables_have_primary_name_and_state_columns()
        {
            var failures = new List<string>();
            foreach (var e in S.Entities.Values.Where(e => e.IsCustomTable))
            {
                foreach (var required in new[] { e.LogicalName + "id", "adv_name", "statecode", "statuscode" })
                {
                    if (!e.Attributes.ContainsKey(required))
                    {
                        failures.Add($"{e.LogicalName} lacks {required}");
                    }
                }

                if (e.Attributes.TryGetValue("adv_name", out var name) &&
                    !((string?)name.Element("DisplayMask") ?? string.Empty).Contains("PrimaryName", StringComparison.Ordinal))
                {
                    failures.Add($"{e.LogicalName}.adv_name is not the primary name column");
                }

                var owned = e.Ownership == "UserOwned";
                if (owned != e.Attributes.ContainsKey("ownerid"))
                {
                    failures.Add($"{e.LogicalName}: ownership {e.Ownership} does not match the presence of ownerid");
                }

                var hasMoney = e.Attributes.Values.Any(a => EntityFile.TypeOf(a) == "money");
                if (hasMoney && !(e.Attributes.ContainsKey("transactioncurrencyid") && e.Attributes.ContainsKey("exchangerate")))
                {
                    failures.Add($"{e.LogicalName} has money columns but no transactioncurrencyid/exchangerate");
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Every_lookup_has_a_relationship_to_an_existing_table()
        {
            var failures = new List<string>();
            var rels = S.Relationships;
            var listed = S.Documents["Other/Relationships.xml"].Root!.Elements("EntityRelationship")
                .Select(r => (string)r.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
            var defined = rels.Select(r => (string)r.Attribute("Name")!).ToList();
            failures.AddRange(defined.Where(n => !listed.Contains(n)).Select(n => $"relationship {n} is not listed in Other/Relationships.xml"));
            failures.AddRange(listed.Where(n => !defined.Contains(n)).Select(n => $"relationship {n} is listed but not defined under Other/Relationships/"));
            failures.AddRange(defined.GroupBy(n => n).Where(g => g.Count() > 1).Select(g => $"relationship {g.Key} is defined twice"));

            foreach (var r in rels)
            {
                var name = (string)r.Attribute("Name")!;
                var referenced = ((string)r.Element("ReferencedEntityName")!).ToLowerInvariant();
                var referencing = ((string)r.Element("ReferencingEntityName")!).ToLowerInvariant();
                var attribute = ((string)r.Element("ReferencingAttributeName")!).ToLowerInvariant();
                if (!S.TableExists(referenced))
                {
                    failures.Add($"{name}: referenced table {referenced} is neither in the solution nor a known standard table");
                }

                if (!S.Entities.TryGetValue(referencing, out var e) || !e.Attributes.TryGetValue(attribute, out var a) || EntityFile.TypeOf(a) != "lookup")
                {
                    failures.Add($"{name}: {referencing}.{attribute} is not a lookup column in the solution");
                }
            }

            // Every lookup we add has exactly one relationship (system lookups such as createdby are created by Dataverse).
            foreach (var e in S.Entities.Values)
            {
                foreach (var a in e.Attributes.Values.Where(a => EntityFile.TypeOf(a) == "lookup" && (string?)a.Element("IsCustomField") == "1"))
                {
                    var logical = (string)a.Element("LogicalName")!;
                    var count = rels.Count(r => ((string)r.Element("ReferencingEntityName")!).Equals(e.LogicalName, StringComparison.OrdinalIgnoreCase)
                                             && ((string)r.Element("ReferencingAttributeName")!).Equals(logical, StringComparison.OrdinalIgnoreCase));
                    if (count != 1)
                    {
                        failures.Add($"lookup {e.LogicalName}.{logical} has {count} relationships (expected 1)");
                    }
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Relationships_are_filed_under_the_referenced_table()
        {
            var failures = new List<string>();
            foreach (var d in S.Under("Other/Relationships"))
            {
                var file = Path.GetFileNameWithoutExtension(d.Key);
                foreach (var r in d.Value.Root!.Elements("EntityRelationship"))
                {
                    var referenced = (string)r.Element("ReferencedEntityName")!;
                    if (!string.Equals(file, referenced, StringComparison.Ordinal))
                    {
                        failures.Add($"{d.Key}: relationship {(string)r.Attribute("Name")!} references {referenced}");
                    }
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Every_choice_column_uses_an_existing_global_choice()
        {
            var failures = new List<string>();
            var optionSets = S.Under("OptionSets").ToDictionary(d => ((string)d.Value.Root!.Attribute("Name")!), d => d.Value, StringComparer.Ordinal);
            foreach (var e in S.Entities.Values)
            {
                foreach (var a in e.Attributes.Values.Where(a => EntityFile.TypeOf(a) is "picklist" or "multiselectpicklist"))
                {
                    var logical = (string)a.Element("LogicalName")!;
                    var name = (string?)a.Element("OptionSetName");
                    if (name == null)
                    {
                        failures.Add($"{e.LogicalName}.{logical} defines a local choice; use a global choice under OptionSets/");
                    }
                    else if (!optionSets.ContainsKey(name))
                    {
                        failures.Add($"{e.LogicalName}.{logical} uses global choice {name}, which is not under OptionSets/");
                    }
                }
            }

            foreach (var os in optionSets)
            {
                if ((string?)os.Value.Root!.Element("IsGlobal") != "1")
                {
                    failures.Add($"OptionSets/{os.Key}.xml is not global");
                }

                var values = os.Value.Root!.Element("options")!.Elements("option").Select(o => (int)o.Attribute("value")!).ToList();
                var expected = Enumerable.Range(0, values.Count).Select(i => OptionValuePrefix * 10000 + i).ToList();
                if (!values.SequenceEqual(expected))
                {
                    failures.Add($"{os.Key}: option values {string.Join(",", values)} should be {string.Join(",", expected)} (publisher prefix {OptionValuePrefix}, in order)");
                }
            }

            NoFailures(failures);
        }

        private static IEnumerable<(string File, string Entity, XElement Fetch)> Fetches()
        {
            foreach (var d in S.Documents.Where(d => d.Key.Contains("/SavedQueries/", StringComparison.Ordinal)))
            {
                var entity = d.Value.Root!.Element("savedquery")!.Element("fetchxml")!.Element("fetch")!.Element("entity")!;
                yield return (d.Key, (string)entity.Attribute("name")!, entity);
            }

            foreach (var d in S.Documents.Where(d => d.Key.Contains("/Visualizations/", StringComparison.Ordinal)))
            {
                foreach (var entity in d.Value.Root!.Descendants("fetch").Select(f => f.Element("entity")!))
                {
                    yield return (d.Key, (string)entity.Attribute("name")!, entity);
                }
            }
        }

        /// <summary>Columns a fetch's own entity uses (attributes, orders, conditions), not those of linked entities.</summary>
        private static IEnumerable<string> ColumnsUsed(XElement entity)
        {
            foreach (var el in entity.Elements())
            {
                switch (el.Name.LocalName)
                {
                    case "attribute":
                        yield return (string)el.Attribute("name")!;
                        break;
                    case "order":
                        yield return (string)el.Attribute("attribute")!;
                        break;
                    case "filter":
                        foreach (var c in el.Descendants("condition").Where(c => c.Ancestors("link-entity").All(l => !entity.Descendants("link-entity").Contains(l))))
                        {
                            yield return (string)c.Attribute("attribute")!;
                        }

                        break;
                }
            }
        }

        [TestMethod]
        public void Views_and_charts_use_only_existing_columns()
        {
            var failures = new List<string>();
            foreach (var (file, entity, fetch) in Fetches())
            {
                if (!S.TableExists(entity))
                {
                    failures.Add($"{file}: unknown table {entity}");
                    continue;
                }

                var folderTable = S.Entities.Values.Single(e => file.StartsWith($"Entities/{e.Folder}/", StringComparison.Ordinal)).LogicalName;
                if (!folderTable.Equals(entity, StringComparison.OrdinalIgnoreCase))
                {
                    failures.Add($"{file}: queries {entity} but sits under the folder of {folderTable}");
                }

                var columns = S.ColumnsOf(entity);
                failures.AddRange(ColumnsUsed(fetch).Where(c => !columns.Contains(c)).Select(c => $"{file}: {entity}.{c} does not exist"));
            }

            foreach (var d in S.Documents.Where(d => d.Key.Contains("/SavedQueries/", StringComparison.Ordinal)))
            {
                var q = d.Value.Root!.Element("savedquery")!;
                var entity = (string)q.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Attribute("name")!;
                var fetched = ColumnsUsed(q.Element("fetchxml")!.Element("fetch")!.Element("entity")!).ToHashSet(StringComparer.OrdinalIgnoreCase);
                foreach (var cell in q.Element("layoutxml")!.Descendants("cell").Select(c => (string)c.Attribute("name")!))
                {
                    if (!fetched.Contains(cell))
                    {
                        failures.Add($"{d.Key}: layout column {cell} is not fetched");
                    }
                }

                var id = (string?)q.Element("layoutxml")!.Element("grid")!.Element("row")!.Attribute("id");
                if (!S.ColumnsOf(entity).Contains(id ?? string.Empty))
                {
                    failures.Add($"{d.Key}: layout row id {id} is not a column of {entity}");
                }

                if (SolutionFolder.Id((string?)q.Element("savedqueryid")) != SolutionFolder.Id(Path.GetFileNameWithoutExtension(d.Key)))
                {
                    failures.Add($"{d.Key}: savedqueryid does not match the file name");
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Custom_tables_have_the_default_views_dataverse_expects()
        {
            var failures = new List<string>();
            foreach (var e in S.Entities.Values.Where(e => e.IsCustomTable))
            {
                var types = S.Documents.Where(d => d.Key.StartsWith($"Entities/{e.Folder}/SavedQueries/", StringComparison.Ordinal))
                    .Select(d => d.Value.Root!.Element("savedquery")!)
                    .Where(q => (string?)q.Element("isdefault") == "1")
                    .Select(q => (int)q.Element("querytype")!)
                    .ToList();
                foreach (var required in new[] { 0, 1, 2, 4, 64 })
                {
                    var n = types.Count(t => t == required);
                    if (n != 1)
                    {
                        failures.Add($"{e.LogicalName}: {n} default views of query type {required} (expected 1)");
                    }
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void The_views_the_plugins_and_managers_rely_on_exist()
        {
            var names = S.Documents.Where(d => d.Key.Contains("/SavedQueries/", StringComparison.Ordinal))
                .Select(d => (Entity: d.Key.Split('/')[1], Name: (string)d.Value.Root!.Descendants("LocalizedName").First().Attribute("description")!))
                .ToHashSet();
            var failures = new[]
            {
                ("adv_Inconvenience", "Open inconveniences by impact"),
                ("adv_Advocate", "Active advocates by load"),
                ("adv_Advocate", "Out of office"),
                ("adv_Feedback", "Recent feedback"),
                ("adv_Feedback", "Detractors"),
                ("Task", "My advocacy follow-ups"),
                ("Task", "Overdue advocacy follow-ups"),
            }.Where(v => !names.Contains(v)).Select(v => $"missing view '{v.Item2}' on {v.Item1}").ToList();
            NoFailures(failures);
        }

        [TestMethod]
        public void Forms_use_only_existing_columns()
        {
            var failures = new List<string>();
            foreach (var d in S.Documents.Where(d => d.Key.Contains("/FormXml/", StringComparison.Ordinal)))
            {
                var folder = d.Key.Split('/')[1];
                var entity = S.Entities.Values.Single(e => e.Folder == folder).LogicalName;
                var columns = S.ColumnsOf(entity);
                var form = d.Value.Root!.Element("systemform")!;
                if (SolutionFolder.Id((string?)form.Element("formid")) != SolutionFolder.Id(Path.GetFileNameWithoutExtension(d.Key)))
                {
                    failures.Add($"{d.Key}: formid does not match the file name");
                }

                foreach (var control in form.Descendants("control"))
                {
                    var field = (string?)control.Attribute("datafieldname");
                    if (field != null && !columns.Contains(field))
                    {
                        failures.Add($"{d.Key}: {entity}.{field} does not exist");
                    }
                }

                failures.AddRange(SubgridProblems(d.Key, form));
            }

            NoFailures(failures);
        }

        private static IEnumerable<string> SubgridProblems(string file, XElement container)
        {
            var views = ViewsById();
            var charts = ChartsById();
            var relationships = S.Relationships.Select(r => (string)r.Attribute("Name")!).ToHashSet(StringComparer.Ordinal);
            foreach (var p in container.Descendants("parameters").Where(p => p.Element("TargetEntityType") != null))
            {
                var target = (string)p.Element("TargetEntityType")!;
                var viewId = SolutionFolder.Id((string?)p.Element("ViewId"));
                if (!views.TryGetValue(viewId, out var viewEntity) || viewEntity != target)
                {
                    yield return $"{file}: subgrid view {viewId} is not a view of {target} in the solution";
                }

                var chartId = SolutionFolder.Id((string?)p.Element("VisualizationId"));
                if (chartId.Length > 0 && (!charts.TryGetValue(chartId, out var chartEntity) || chartEntity != target))
                {
                    yield return $"{file}: chart {chartId} is not a chart of {target} in the solution";
                }

                var rel = (string?)p.Element("RelationshipName");
                if (!string.IsNullOrEmpty(rel) && !relationships.Contains(rel))
                {
                    yield return $"{file}: relationship {rel} is not in the solution";
                }
            }
        }

        private static Dictionary<string, string> ViewsById() =>
            S.Documents.Where(d => d.Key.Contains("/SavedQueries/", StringComparison.Ordinal))
                .ToDictionary(d => SolutionFolder.Id((string?)d.Value.Root!.Element("savedquery")!.Element("savedqueryid")),
                              d => (string)d.Value.Root!.Element("savedquery")!.Element("fetchxml")!.Element("fetch")!.Element("entity")!.Attribute("name")!);

        private static Dictionary<string, string> ChartsById() =>
            S.Documents.Where(d => d.Key.Contains("/Visualizations/", StringComparison.Ordinal))
                .ToDictionary(d => SolutionFolder.Id((string?)d.Value.Root!.Element("savedqueryvisualizationid")),
                              d => (string)d.Value.Root!.Element("datadescription")!.Descendants("entity").First().Attribute("name")!);

        [TestMethod]
        public void Dashboard_shows_existing_views_and_charts()
        {
            var failures = new List<string>();
            var dashboards = S.Under("Dashboards").ToList();
            Assert.AreEqual(1, dashboards.Count, "expected the 'Advocacy overview' dashboard");
            foreach (var d in dashboards)
            {
                failures.AddRange(SubgridProblems(d.Key, d.Value.Root!));
                if ((string?)d.Value.Root!.Element("FormXml")!.Element("forms")!.Attribute("type") != "dashboard")
                {
                    failures.Add($"{d.Key} is not a dashboard form");
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void App_module_and_site_map_reference_existing_components()
        {
            var failures = new List<string>();
            var app = S.Under("AppModules").Single().Value.Root!;
            var views = ViewsById();
            var charts = ChartsById();
            var forms = S.Documents.Where(d => d.Key.Contains("/FormXml/", StringComparison.Ordinal) || d.Key.StartsWith("Dashboards/", StringComparison.Ordinal))
                .Select(d => SolutionFolder.Id(Path.GetFileNameWithoutExtension(d.Key))).ToHashSet();
            var roles = S.Under("Roles").Select(d => SolutionFolder.Id((string?)d.Value.Root!.Attribute("id"))).ToHashSet();
            foreach (var c in app.Element("AppModuleComponents")!.Elements("AppModuleComponent"))
            {
                var type = (string)c.Attribute("type")!;
                var key = (string?)c.Attribute("schemaName") ?? SolutionFolder.Id((string?)c.Attribute("id"));
                var ok = type switch
                {
                    "1" => S.TableExists(key),
                    "26" => views.ContainsKey(key),
                    "59" => charts.ContainsKey(key),
                    "60" => forms.Contains(key),
                    "62" => S.Under("AppModuleSiteMaps").Any(s => (string?)s.Value.Root!.Element("SiteMapUniqueName") == key),
                    _ => false,
                };
                if (!ok)
                {
                    failures.Add($"app component type {type} '{key}' does not exist in the solution");
                }
            }

            failures.AddRange(app.Element("AppModuleRoleMaps")!.Elements("Role").Select(r => SolutionFolder.Id((string?)r.Attribute("id")))
                .Where(id => !roles.Contains(id)).Select(id => $"app role {id} is not a role of the solution"));

            var siteMap = S.Under("AppModuleSiteMaps").Single().Value.Root!;
            foreach (var sub in siteMap.Descendants("SubArea"))
            {
                var entity = (string?)sub.Attribute("Entity");
                if (entity != null && !S.TableExists(entity))
                {
                    failures.Add($"site map area {(string?)sub.Attribute("Id")} shows unknown table {entity}");
                }

                var dashboard = (string?)sub.Attribute("DefaultDashboard");
                if (dashboard != null && !forms.Contains(SolutionFolder.Id(dashboard)))
                {
                    failures.Add($"site map dashboard {dashboard} is not in the solution");
                }

                var url = (string?)sub.Attribute("Url") ?? string.Empty;
                var at = url.IndexOf("viewid=", StringComparison.Ordinal);
                if (at >= 0)
                {
                    var viewId = SolutionFolder.Id(url.Substring(at + 7).Split('&')[0]);
                    if (!views.TryGetValue(viewId, out var viewEntity) || viewEntity != entity)
                    {
                        failures.Add($"site map area {(string?)sub.Attribute("Id")} opens view {viewId}, which is not a view of {entity}");
                    }
                }
            }

            var shown = siteMap.Descendants("SubArea").Select(s => (string?)s.Attribute("Entity")).Where(e => e != null).ToHashSet();
            foreach (var required in new[] { "adv_advocate", "adv_inconvenience", "adv_feedback", "task", "account", "incident" })
            {
                if (!shown.Contains(required))
                {
                    failures.Add($"site map does not show {required}");
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Security_roles_grant_valid_privileges_on_existing_tables()
        {
            var failures = new List<string>();
            var roleNames = S.Under("Roles").Select(d => (string)d.Value.Root!.Attribute("name")!).ToHashSet();
            Assert.IsTrue(roleNames.SetEquals(new[] { "Customer Advocate", "Advocacy Manager" }), string.Join(", ", roleNames));
            var verbs = new[] { "AppendTo", "Append", "Create", "Read", "Write", "Delete", "Assign", "Share" };
            foreach (var d in S.Under("Roles"))
            {
                foreach (var p in d.Value.Root!.Element("RolePrivileges")!.Elements("RolePrivilege"))
                {
                    var name = (string)p.Attribute("name")!;
                    var level = (string)p.Attribute("level")!;
                    if (!new[] { "Basic", "Local", "Deep", "Global" }.Contains(level))
                    {
                        failures.Add($"{d.Key}: {name} has invalid level {level}");
                    }

                    var verb = verbs.FirstOrDefault(v => name.StartsWith("prv" + v, StringComparison.Ordinal));
                    var table = verb == null ? null : name.Substring(3 + verb.Length);
                    if (table == null || !table.StartsWith("adv_", StringComparison.Ordinal))
                    {
                        continue; // a standard privilege (prvReadAccount, prvReadActivity, ...)
                    }

                    var entity = S.Entities.Values.FirstOrDefault(e => e.SchemaName == table);
                    if (entity == null)
                    {
                        failures.Add($"{d.Key}: {name} names table schema {table}, which the solution does not define");
                    }
                    else if (entity.Ownership == "OrgOwned" && (level != "Global" || verb is "Assign" or "Share"))
                    {
                        failures.Add($"{d.Key}: {name} at {level} is impossible on an organization-owned table");
                    }
                }
            }

            NoFailures(failures);
        }

        [TestMethod]
        public void Settings_variable_shows_every_key_with_its_default_within_the_platforms_column_lengths()
        {
            var env = S.Documents["environmentvariabledefinitions/adv_AdvocacySettings/environmentvariabledefinition.xml"].Root!;
            Assert.AreEqual("adv_AdvocacySettings", (string?)env.Attribute("schemaname"));
            Assert.AreEqual("100000003", (string?)env.Element("type"), "Dataverse's JSON environment variable type");
            var defaultValue = (string)env.Element("defaultvalue")!;
            var description = (string?)env.Element("description")!.Attribute("default") ?? string.Empty;

            // What an admin sees in Power Apps is every rule with its value: the same JSON `advocacy settings` prints,
            // and exactly the parser's defaults (a changed default that the XML does not follow fails here).
            Assert.AreEqual(Advocacy.Cli.Settings.AdvocacySettingsWriter.ToJson(AdvocacySettings.Defaults()).Trim(), defaultValue.Trim());
            Assert.AreEqual(Advocacy.Cli.Settings.AdvocacySettingsWriter.ToJson(AdvocacySettings.Defaults()),
                Advocacy.Cli.Settings.AdvocacySettingsWriter.ToJson(AdvocacySettingsParser.Parse(defaultValue)));
            // environmentvariabledefinition.defaultvalue and .description are Memo columns of MaxLength 2000
            // (Microsoft's table reference); a longer value would fail the import.
            Assert.IsTrue(defaultValue.Length <= 2000, defaultValue.Length + " characters");
            Assert.IsTrue(description.Length <= 2000, description.Length + " characters");
            StringAssert.Contains(description, "README");
            StringAssert.Contains(description, "remove a key to use its default");
        }
    }
}
