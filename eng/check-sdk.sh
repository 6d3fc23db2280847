#!/usr/bin/env bash
# Checks the offline Dataverse SDK surface (src/Sdk) against Microsoft's own assemblies.
#
#   eng/check-sdk.sh [XrmSdkFeed=<folder of .nupkg>]      (or XrmSdkFeed in the environment)
#
# 1. System.Activities stand-in (net10.0) vs .NET Framework 4.6.2's System.Activities: every member we wrote
#    must exist there, because the net462 build compiles the same product code against the real one.
# 2. Microsoft.Xrm.Sdk, Microsoft.Crm.Sdk.Proxy and Microsoft.Xrm.Sdk.Workflow (our net462 builds, LEFT) vs
#    Microsoft's from Microsoft.CrmSdk.CoreAssemblies / Microsoft.CrmSdk.Workflow (RIGHT): everything we declare
#    must exist in Microsoft's with the same declaring type, signature, parameter names and attributes. CP0006
#    (Microsoft's interfaces having members we do not declare) is suppressed: product code only calls them.
# 3. The SDK behaviour tests (tests/Advocacy.Plugins.Tests/Sdk, except the workflow-invoker and deployable-
#    assembly ones) pass against Microsoft's Microsoft.Xrm.Sdk.dll too: the behaviour we pin is Microsoft's.
# 4. The deployable plug-in (net462) builds against Microsoft's packages (XrmSdk=Microsoft).
# 5. The sandbox's own tests (tests/Advocacy.Plugins.Tests/Sandbox, but the package, workflow-activity and one
#    scenario test) pass compiled against Microsoft's Microsoft.Xrm.Sdk.dll and Microsoft.Crm.Sdk.Proxy.dll and running
#    on them, with the sandbox and plug-in binaries built offline: the sandbox package works in a plug-in project that
#    uses Microsoft's SDK package.
# Where Microsoft's packages cannot be restored, 2 to 5 are skipped with a message and the script exits 0.
# Any difference or build failure exits non-zero.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
feed="${XrmSdkFeed:-}"
for arg in "$@"; do
  case "$arg" in
    XrmSdkFeed=*|--XrmSdkFeed=*) feed="${arg#*=}" ;;
    -h|--help) sed -n '2,20p' "$0"; exit 0 ;;
    *) echo "check-sdk: unknown argument '$arg'" >&2; exit 2 ;;
  esac
done
if [[ -n "$feed" ]]; then
  feed="$(cd "$feed" && pwd)"
fi

config=Release
work="$repo/artifacts/check-sdk"
tools="$repo/artifacts/tools/apicompat"
apicompat_version=10.0.403
rm -rf "$work"
mkdir -p "$work"
failures=()
log() { printf '\n== %s\n' "$*"; }

# --- the tool: a tool-path install under artifacts/, nothing global --------------------------------------
if [[ ! -x "$tools/apicompat" ]] || ! "$tools/apicompat" --version 2>/dev/null | grep -q "^$apicompat_version"; then
  log "installing Microsoft.DotNet.ApiCompat.Tool $apicompat_version into artifacts/tools"
  rm -rf "$tools"
  dotnet tool install Microsoft.DotNet.ApiCompat.Tool --version "$apicompat_version" --tool-path "$tools" >/dev/null
fi
apicompat() {
  "$tools/apicompat" --enable-rule-cannot-change-parameter-name --enable-rule-attributes-must-match \
    --exclude-attributes-file "$repo/eng/check-sdk.attribute-exclusions.txt" "$@"
}
dirs_of() { xargs -r -n1 dirname | sort -u | paste -sd, -; }

# --- our surface -------------------------------------------------------------------------------------------
log "building the offline surface (net462 and net10.0)"
dotnet build "$repo/src/Sdk/Microsoft.Xrm.Sdk.Workflow/Microsoft.Xrm.Sdk.Workflow.csproj" -c "$config" -f net462 -nologo -v q
dotnet build "$repo/src/Sdk/Microsoft.Crm.Sdk.Proxy/Microsoft.Crm.Sdk.Proxy.csproj" -c "$config" -f net462 -nologo -v q
dotnet build "$repo/src/Sdk/System.Activities/System.Activities.csproj" -c "$config" -nologo -v q
sdk_bin="$repo/src/Sdk/Microsoft.Xrm.Sdk/bin/$config/net462"
wf_bin="$repo/src/Sdk/Microsoft.Xrm.Sdk.Workflow/bin/$config/net462"
proxy_bin="$repo/src/Sdk/Microsoft.Crm.Sdk.Proxy/bin/$config/net462"
netfx_root="$(dotnet msbuild "$repo/src/Sdk/Microsoft.Xrm.Sdk/Microsoft.Xrm.Sdk.csproj" -p:TargetFramework=net462 -getProperty:TargetFrameworkRootPath)"
netfx="${netfx_root%/}/.NETFramework/v4.6.2"
packs="$(dotnet msbuild "$repo/src/Sdk/System.Activities/System.Activities.csproj" -getProperty:NetCoreTargetingPackRoot)"
netcore_version="$(dotnet msbuild "$repo/src/Sdk/System.Activities/System.Activities.csproj" -getProperty:BundledNETCoreAppPackageVersion)"
netcore="$packs/Microsoft.NETCore.App.Ref/$netcore_version/ref/net10.0"

# --- 1. System.Activities stand-in vs .NET Framework's ------------------------------------------------------
log "ApiCompat: System.Activities stand-in (left) vs .NET Framework 4.6.2 (right)"
if ! apicompat -l "$repo/src/Sdk/System.Activities/bin/$config/net10.0/System.Activities.dll" -r "$netfx/System.Activities.dll" \
    --lref "$netcore" --rref "$netfx,$netfx/Facades" \
    --suppression-file "$repo/eng/check-sdk.system-activities.suppressions.xml"; then
  failures+=("System.Activities stand-in differs from .NET Framework's")
fi

# --- Microsoft's packages -----------------------------------------------------------------------------------
log "restoring Microsoft.CrmSdk.CoreAssemblies and Microsoft.CrmSdk.Workflow${feed:+ (extra source: $feed)}"
restore_dir="$work/restore"
mkdir -p "$restore_dir"
cp "$repo/eng/check-sdk.restore.proj" "$restore_dir/check-sdk.restore.csproj"
restore_args=(-restore -t:WriteXrmReferences -p:XrmReferencesFile="$work/references.txt" -nologo -v q)
[[ -n "$feed" ]] && restore_args+=(-p:XrmSdkFeed="$feed")
if ! dotnet msbuild "$restore_dir/check-sdk.restore.csproj" "${restore_args[@]}" >"$work/restore.log" 2>&1; then
  reason="$(grep -oE 'error NU[0-9]+: [^[]*' "$work/restore.log" | head -n 2 | paste -sd';' - || true)"
  echo "skipped: Microsoft's Dataverse packages could not be restored (${reason:-see artifacts/check-sdk/restore.log}); pass XrmSdkFeed=<folder with the .nupkg files> to check offline"
  if (( ${#failures[@]} )); then printf 'FAILED: %s\n' "${failures[@]}"; exit 1; fi
  exit 0
fi
ms_sdk="$(grep -E '/Microsoft\.Xrm\.Sdk\.dll$' "$work/references.txt" | head -n 1)"
ms_wf="$(grep -E '/Microsoft\.Xrm\.Sdk\.Workflow\.dll$' "$work/references.txt" | head -n 1)"
ms_proxy="$(grep -E '/Microsoft\.Crm\.Sdk\.Proxy\.dll$' "$work/references.txt" | head -n 1)"
ms_refs="$(dirs_of <"$work/references.txt")"
echo "Microsoft's: $ms_sdk"
echo "             $ms_proxy"
echo "             $ms_wf"
if [[ -z "$ms_sdk" || -z "$ms_proxy" || -z "$ms_wf" ]]; then
  echo "check-sdk: Microsoft's assemblies are missing from artifacts/check-sdk/references.txt" >&2
  exit 1
fi

# --- 2. our surface vs Microsoft's --------------------------------------------------------------------------
log "ApiCompat: offline Microsoft.Xrm.Sdk (left) vs Microsoft's (right)"
if ! apicompat -l "$sdk_bin/Microsoft.Xrm.Sdk.dll" -r "$ms_sdk" --noWarn CP0006 \
    --lref "$netfx,$netfx/Facades" --rref "$ms_refs"; then
  failures+=("Microsoft.Xrm.Sdk differs from Microsoft's")
fi
log "ApiCompat: offline Microsoft.Crm.Sdk.Proxy (left) vs Microsoft's (right)"
if ! apicompat -l "$proxy_bin/Microsoft.Crm.Sdk.Proxy.dll" -r "$ms_proxy" --noWarn CP0006 \
    --lref "$proxy_bin,$netfx,$netfx/Facades" --rref "$ms_refs"; then
  failures+=("Microsoft.Crm.Sdk.Proxy differs from Microsoft's")
fi
log "ApiCompat: offline Microsoft.Xrm.Sdk.Workflow (left) vs Microsoft's (right)"
if ! apicompat -l "$wf_bin/Microsoft.Xrm.Sdk.Workflow.dll" -r "$ms_wf" --noWarn CP0006 \
    --lref "$wf_bin,$netfx,$netfx/Facades" --rref "$ms_refs"; then
  failures+=("Microsoft.Xrm.Sdk.Workflow differs from Microsoft's")
fi

# --- 3. the behaviour tests against Microsoft's assembly -----------------------------------------------------
log "SDK behaviour tests against Microsoft's Microsoft.Xrm.Sdk.dll"
conformance_dir="$work/conformance"
mkdir -p "$conformance_dir"
cp "$repo/eng/check-sdk.conformance.proj" "$conformance_dir/check-sdk.conformance.csproj"
if ! dotnet test "$conformance_dir/check-sdk.conformance.csproj" -c "$config" -nologo -v q -p:MicrosoftXrmSdkPath="$ms_sdk"; then
  failures+=("the SDK behaviour tests fail against Microsoft's assembly")
fi

# --- 4. the deployable plug-in against Microsoft's packages -------------------------------------------------
# Own restore/intermediate/output folders under artifacts/, and net462 only (so no project references are
# restored with them): the Offline build in src/Advocacy.Plugins/{obj,bin} is left exactly as it was.
# NU1603 is not an error here: our registry lacks System.ServiceModel.* 4.10.3, which CoreAssemblies names.
log "building src/Advocacy.Plugins (net462) with XrmSdk=Microsoft"
plugin_args=(-c "$config" -nologo -v q -p:TargetFrameworks=net462 -p:XrmSdk=Microsoft -p:WarningsNotAsErrors=NU1603
  -p:MSBuildProjectExtensionsPath="$work/plugin/obj/" -p:IntermediateOutputPath="$work/plugin/obj/$config/net462/"
  -p:OutputPath="$work/plugin/bin/")
[[ -n "$feed" ]] && plugin_args+=(-p:XrmSdkFeed="$feed")
if ! dotnet build "$repo/src/Advocacy.Plugins/Advocacy.Plugins.csproj" "${plugin_args[@]}"; then
  failures+=("the plug-in does not build against Microsoft's packages")
fi

# --- 5. the sandbox in a consumer project that references Microsoft's SDK ----------------------------------
# The sandbox and plug-in binaries built against the offline surface, the sandbox's tests compiled against Microsoft's
# Microsoft.Xrm.Sdk.dll and Microsoft.Crm.Sdk.Proxy.dll, the ones loaded at run time: what a plug-in project with
# Microsoft's package gets.
log "the sandbox's tests with Microsoft's Microsoft.Xrm.Sdk.dll and Microsoft.Crm.Sdk.Proxy.dll at run time"
dotnet build "$repo/src/Advocacy.Sandbox/Advocacy.Sandbox.csproj" -c "$config" -nologo -v q
dotnet build "$repo/src/Advocacy.Plugins/Advocacy.Plugins.csproj" -c "$config" -f net10.0 -nologo -v q
sandbox_dir="$work/sandbox"
mkdir -p "$sandbox_dir"
cp "$repo/eng/check-sdk.sandbox.proj" "$sandbox_dir/check-sdk.sandbox.csproj"
if ! dotnet test "$sandbox_dir/check-sdk.sandbox.csproj" -c "$config" -nologo -v q -p:MicrosoftXrmSdkPath="$ms_sdk" \
    -p:MicrosoftCrmSdkProxyPath="$ms_proxy"; then
  failures+=("the sandbox's tests fail with Microsoft's assembly")
fi

echo
if (( ${#failures[@]} )); then
  printf 'FAILED: %s\n' "${failures[@]}"
  exit 1
fi
echo "OK: the offline SDK surface matches Microsoft's assemblies, the plug-in builds against Microsoft's packages, and the sandbox runs on Microsoft's SDK."
