// Summarises a Stryker.NET JSON report per folder: killed, survived, timeout, no coverage, ignored and the
// score as issue 17 defines it: (killed + timeout) / (killed + timeout + survived + no coverage).
// Ignored = disabled in the source with a "// Stryker disable ... : reason" comment; redundant = Stryker's own
// "block already covered" filter. Neither counts, nor do compile errors (shown) or mutants outside the --mutate pattern.
// Usage: dotnet run --file eng/stryker/MutationScore.cs -- <mutation-report.json> [--survivors]
using System;
using System.Collections.Generic;
using System.IO;
using System.Linq;
using System.Text.Json;

var path = args.Length > 0 ? args[0] : throw new ArgumentException("usage: MutationScore.cs <mutation-report.json> [--survivors]");
bool listSurvivors = args.Contains("--survivors");
using var doc = JsonDocument.Parse(File.ReadAllText(path));
var rows = new SortedDictionary<string, Dictionary<string, int>>(StringComparer.Ordinal);
var survivors = new List<(string File, int Line, string Text)>();
foreach (var file in doc.RootElement.GetProperty("files").EnumerateObject())
{
    string folder = Path.GetDirectoryName(file.Name)!.Replace('\\', '/');
    int at = folder.IndexOf("Domain/", StringComparison.Ordinal);
    folder = at >= 0 ? folder.Substring(at) : folder;
    foreach (var mutant in file.Value.GetProperty("mutants").EnumerateArray())
    {
        string status = mutant.GetProperty("status").GetString()!;
        string reason = mutant.TryGetProperty("statusReason", out var r) ? r.GetString() ?? "" : "";
        if (status == "Ignored" && reason.Contains("mutate filter", StringComparison.OrdinalIgnoreCase))
        {
            continue;
        }

        if (status == "Ignored" && reason.Contains("block already covered", StringComparison.OrdinalIgnoreCase))
        {
            status = "Redundant"; // Stryker's own filter: a block removal whose statements are mutated one by one
        }

        if (!rows.TryGetValue(folder, out var counts))
        {
            rows[folder] = counts = new Dictionary<string, int>();
        }

        counts[status] = counts.GetValueOrDefault(status) + 1;
        if (status is "Survived" or "NoCoverage")
        {
            int line = mutant.GetProperty("location").GetProperty("start").GetProperty("line").GetInt32();
            string shortName = file.Name.Substring(Math.Max(0, file.Name.IndexOf("Domain/", StringComparison.Ordinal)));
            survivors.Add((shortName, line, $"{shortName}:{line} {status} {mutant.GetProperty("mutatorName").GetString()}: {mutant.GetProperty("replacement").GetString()?.Replace('\n', ' ')}"));
        }
    }
}

int total(Dictionary<string, int> c, string s) => c.GetValueOrDefault(s);
Console.WriteLine($"{"folder",-24} {"killed",7} {"timeout",8} {"survived",9} {"nocover",8} {"ignored",8} {"redundant",10} {"compile",8} {"score",8}");
foreach (var (folder, c) in rows)
{
    int killed = total(c, "Killed"), timeout = total(c, "Timeout"), survived = total(c, "Survived"), noCover = total(c, "NoCoverage"), ignored = total(c, "Ignored"), redundant = total(c, "Redundant"), compile = total(c, "CompileError");
    int tested = killed + timeout + survived + noCover;
    string score = tested == 0 ? "n/a" : (100.0 * (killed + timeout) / tested).ToString("0.0") + " %";
    Console.WriteLine($"{folder,-24} {killed,7} {timeout,8} {survived,9} {noCover,8} {ignored,8} {redundant,10} {compile,8} {score,8}");
}

if (listSurvivors)
{
    foreach (var s in survivors.OrderBy(s => s.File, StringComparer.Ordinal).ThenBy(s => s.Line))
    {
        Console.WriteLine(s.Text);
    }
}
