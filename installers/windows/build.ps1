# Build Paraphe for Windows: the PyInstaller bundle and a per-machine MSI (WiX Toolset 3: heat,
# candle, light on the PATH, e.g. `choco install wixtoolset`), in $env:DIST_DIR (default dist\).
# Then the bundle's smoke test. Silent install: msiexec /i dist\Paraphe-<v>.msi /qn
$ErrorActionPreference = "Stop"
Set-Location (Join-Path $PSScriptRoot "..\..")
$dist = if ($env:DIST_DIR) { $env:DIST_DIR } else { "dist" }
python -m venv .venv
.venv\Scripts\python -m pip install -q --require-hashes -r requirements.lock
.venv\Scripts\python -m pip install -q --no-deps -e .
.venv\Scripts\python -m pip install -q --require-hashes -r installers\requirements-build.lock
.venv\Scripts\python tools\build_translations.py
.venv\Scripts\python tools\build_trust_snapshot.py
$version = .venv\Scripts\python -c "import paraphe; print(paraphe.__version__)"
.venv\Scripts\python installers\windows\version_info.py $version build\version_info.txt
$env:PARAPHE_VERSION_FILE = (Resolve-Path build\version_info.txt)
.venv\Scripts\pyinstaller installers\paraphe.spec --noconfirm --distpath $dist --workpath build\pyinstaller
heat dir "$dist\paraphe" -cg BundleFiles -dr INSTALLDIR -gg -srd -sreg -var var.BundleDir -out build\bundle.wxs
candle -arch x64 -dVersion=$version -dBundleDir="$dist\paraphe" -dPolicyExample=resources\policy.example.toml `
  installers\windows\paraphe.wxs build\bundle.wxs -out build\
light -ext WixUIExtension -cultures:fr-FR build\paraphe.wixobj build\bundle.wixobj -out "$dist\Paraphe-$version.msi"
& "$dist\paraphe\paraphe-gui.exe" --smoke-test
if ($LASTEXITCODE -ne 0) { throw "smoke test failed" }
Write-Output "msi: $dist\Paraphe-$version.msi"
