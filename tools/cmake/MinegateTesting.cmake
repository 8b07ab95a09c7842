include(GoogleTest)
find_package(GTest REQUIRED)

# minegate_test(NAME SOURCES ... DEPS ... LABELS ...)
# One GoogleTest binary; every TEST inside it becomes a ctest test named
# NAME.Suite.Test carrying LABELS.
function(minegate_test name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS;LABELS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main
                                        minegate_warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  # Prefixed with the binary's name so `ctest -R db_test` selects a whole binary.
  gtest_discover_tests(${name}
    TEST_PREFIX "${name}."
    PROPERTIES LABELS "${ARG_LABELS}"
    DISCOVERY_TIMEOUT 60)
endfunction()

# minegate_fuzz_target(NAME SOURCE file DEPS ... CORPUS dir)
# With MINEGATE_LIBFUZZER (clang) this is a libFuzzer binary. Otherwise it is a
# replay binary that feeds every corpus file once, so each ./tools/test replays
# the corpus (ctest label "fuzz") under whatever sanitizers the preset enables.
function(minegate_fuzz_target name)
  cmake_parse_arguments(ARG "" "SOURCE;CORPUS" "DEPS" ${ARGN})
  set(target fuzz_${name})
  if(MINEGATE_LIBFUZZER)
    add_executable(${target} ${ARG_SOURCE})
    target_link_options(${target} PRIVATE -fsanitize=fuzzer)
    set(replay_args -runs=0)
  else()
    add_executable(${target} ${ARG_SOURCE} ${PROJECT_SOURCE_DIR}/tests/fuzz/replay_main.cpp)
    set(replay_args)
  endif()
  target_include_directories(${target} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${target} PRIVATE ${ARG_DEPS} minegate_warnings)
  set_target_properties(${target} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/fuzz)
  add_test(NAME fuzz.${name}.replay COMMAND ${target} ${replay_args} ${ARG_CORPUS})
  set_tests_properties(fuzz.${name}.replay PROPERTIES LABELS fuzz TIMEOUT 300)
endfunction()
