# Writes OUTPUT, a C++ file defining preflight::lambda::kPythonBootstrap and kNodeBootstrap from
# PYTHON and NODE. Run at build time (cmake -P) so an edited bootstrap rebuilds the binary.
file(READ ${PYTHON} python_source)
file(READ ${NODE} node_source)
file(WRITE ${OUTPUT}
  "#include \"services/lambda/embedded_runtimes.h\"\n"
  "namespace preflight::lambda {\n"
  "const std::string_view kPythonBootstrap = R\"PREFLIGHT_EMBED(${python_source})PREFLIGHT_EMBED\";\n"
  "const std::string_view kNodeBootstrap = R\"PREFLIGHT_EMBED(${node_source})PREFLIGHT_EMBED\";\n"
  "}  // namespace preflight::lambda\n")
