include(CMakePackageConfigHelpers)
set(_components attnbound_theory attnbound_verify attnbound_counterexamples attnbound_kernels attnbound_gpt2 attnbound_reports
                attnbound_check attnbound_prove attnbound_scaleout)
install(TARGETS attnbound ${_components} attnbound_mpfi attnbound_arb attnbound_warnings
        EXPORT attnboundTargets
        ARCHIVE DESTINATION ${CMAKE_INSTALL_LIBDIR}
        LIBRARY DESTINATION ${CMAKE_INSTALL_LIBDIR}
        INCLUDES DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/attnbound)
install(TARGETS attnbound_cli RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
foreach(dir theory verify counterexamples kernels gpt2 reports check prove scaleout)
  install(DIRECTORY ${dir}/ DESTINATION ${CMAKE_INSTALL_INCLUDEDIR}/attnbound/${dir}
          FILES_MATCHING PATTERN "*.hpp" PATTERN "tests" EXCLUDE)
endforeach()
install(EXPORT attnboundTargets NAMESPACE attnbound:: DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/attnbound)
set(ATTNBOUND_PACKAGE_NEEDS_MPI "${MPI_CXX_FOUND}")  # read by attnboundConfig.cmake.in
configure_package_config_file(cmake/attnboundConfig.cmake.in
  ${CMAKE_CURRENT_BINARY_DIR}/attnboundConfig.cmake
  INSTALL_DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/attnbound)
write_basic_package_version_file(${CMAKE_CURRENT_BINARY_DIR}/attnboundConfigVersion.cmake
  COMPATIBILITY SameMinorVersion)
install(FILES ${CMAKE_CURRENT_BINARY_DIR}/attnboundConfig.cmake ${CMAKE_CURRENT_BINARY_DIR}/attnboundConfigVersion.cmake
        DESTINATION ${CMAKE_INSTALL_LIBDIR}/cmake/attnbound)
