find_package(Catch2 2.13 REQUIRED)
find_package(rapidcheck REQUIRED)
include(Catch)

# attnbound_add_test_suite(NAME SOURCES... LIBS...):
# one Catch2 executable per component; every TEST_CASE becomes its own CTest test so ctest -j runs them in parallel.
function(attnbound_add_test_suite name)
  cmake_parse_arguments(ARG "" "" "SOURCES;LIBS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_link_libraries(${name} PRIVATE attnbound_catch_main ${ARG_LIBS} attnbound_warnings)
  target_compile_definitions(${name} PRIVATE ATTNBOUND_SHARED_DIR="${ATTNBOUND_SHARED_DIR}"
                                             ATTNBOUND_SOURCE_DIR="${PROJECT_SOURCE_DIR}")
  # --warn NoTests: a CTest test whose filter matches no TEST_CASE fails instead of passing with nothing run
  # (catch_discover_tests turns the names into a CMake list: a ';' or an unbalanced '[' in a TEST_CASE name
  # splits or merges names, and each piece then matches nothing; tests/check_test_names.py rejects both).
  catch_discover_tests(${name} EXTRA_ARGS --warn NoTests PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
