#!/usr/bin/env bash
# Packs the sandbox (Advocacy.Dataverse.Sandbox) into artifacts/packages and runs the stand-alone sample plug-in project
# in samples/SandboxSample against that package only: restore, build and its MSTest tests.
#
# The sample restores into its own packages folder (artifacts/sample/packages, emptied each run), so a re-packed package
# of the same version is never taken from a stale global cache; the packages it shares with the repository (MSTest …) are
# found in the global packages folder as a fallback instead of being downloaded again.
set -euo pipefail
cd "$(dirname "$0")/.."

configuration=Release
packages="$PWD/artifacts/packages"
restore="$PWD/artifacts/sample/packages"
global=$(dotnet nuget locals global-packages --list | sed -e 's/^global-packages: //')

rm -f "$packages"/Advocacy.Dataverse.Sandbox.*.nupkg
dotnet pack src/Advocacy.Sandbox -c "$configuration" -o "$packages" --nologo

rm -rf "$restore" samples/SandboxSample/obj samples/SandboxSample/bin
fallback=()
if [ -d "$global" ]; then
  # A copy of this very package in the global folder (left by any other restore of it, e.g. a consumer project tried by
  # hand) would win over the one just packed, since a fallback folder is read before the sources: drop it.
  rm -rf "${global%/}/advocacy.dataverse.sandbox"
  fallback=(-p:RestoreFallbackFolders="$global")
fi
dotnet test samples/SandboxSample/SandboxSample.csproj -c "$configuration" --nologo -p:RestorePackagesPath="$restore" "${fallback[@]}"
