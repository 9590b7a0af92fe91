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
  catch_discover_tests(${name} PROPERTIES LABELS "${ARG_LABELS}" DISCOVERY_TIMEOUT 60)
endfunction()
