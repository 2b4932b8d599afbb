# Sourced by scripts/start, scripts/test and .ci/run: point KEUKENTAFEL_ISTANDAARDEN_DIR at the official
# iWmo/iJw release (XSDs, codelists) when the operator has not, using the shared copy beside the repo.
if [ -z "${KEUKENTAFEL_ISTANDAARDEN_DIR:-}" ]; then
  for d in "${KT_ISTANDAARDEN_DIR:-}" ../shared/istandaarden /work/shared/istandaarden; do
    if [ -n "$d" ] && [ -d "$d/iwmo-3.2/xsd" ]; then
      KEUKENTAFEL_ISTANDAARDEN_DIR=$(cd "$d" && pwd)
      export KEUKENTAFEL_ISTANDAARDEN_DIR
      break
    fi
  done
fi
