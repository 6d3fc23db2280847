#!/usr/bin/env bash
# Mutation testing of one folder of the plug-in assembly with Stryker.NET (a local tool: .config/dotnet-tools.json).
#
#   eng/mutation.sh Domain/Impact            # or Domain/FollowUp, Domain/Assignment, Domain/Loyalty, Domain/Settings, ...
#   eng/mutation.sh Domain/Impact --since    # extra arguments go to Stryker
#   eng/mutation.sh Domain/FollowUp Domain/Assignment Domain/Loyalty   # several folders in one run (one build)
#
# Config: eng/stryker/stryker-config.json (net10.0 target of src/Advocacy.Plugins, the tests in
# tests/Advocacy.Plugins.Tests, per-test coverage, Release). Reports: artifacts/mutation/<Domain-Folder>/reports/
# (HTML and JSON). Prints the score per folder as issue 17 counts it: (killed + timeout) / (killed + timeout +
# survived + no coverage); ignored mutants (Stryker disable comments, each with a reason) are not counted.
# Do not run two at once: Stryker writes the mutated assembly into the test project's bin folder.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
[ $# -gt 0 ] || { echo "usage: eng/mutation.sh Domain/<Folder> [Domain/<Folder>...] [stryker options]" >&2; exit 2; }
mutate=()
name=""
while [ $# -gt 0 ] && [ "${1#-}" = "$1" ]; do
  folder="${1#src/Advocacy.Plugins/}"
  folder="${folder%/}"
  mutate+=(--mutate "**/$folder/**/*.cs")
  name="${name:+$name+}${folder//\//-}"
  shift
done
out="$root/artifacts/mutation/$name"
rm -rf "$out"

cd "$root"
dotnet tool restore >/dev/null
cd tests/Advocacy.Plugins.Tests
dotnet tool run dotnet-stryker \
  --config-file "$root/eng/stryker/stryker-config.json" \
  "${mutate[@]}" \
  --output "$out" \
  --skip-version-check \
  "$@"

cd "$root"
dotnet run --file eng/stryker/MutationScore.cs -- "$out/reports/mutation-report.json" --survivors
