include(GoogleTest)
find_package(GTest REQUIRED)

# minegate_test_precompiled_header()
# One precompiled header for every minegate_test executable of an unoptimised build (asan, tsan):
# the standard library headers the tests use, GoogleTest, protobuf's runtime and Boost.Outcome,
# parsed once per build instead of once per test translation unit (about eighty, each parsing
# 100,000 to 170,000 lines, most of them these). At -O0 that parsing is a large share of a test
# unit's compile; at -O2 (dev, release) code generation dwarfs it and the header saved nothing
# measurable (docs/PERFORMANCE.md, "CI's time budget"), so those builds go without. Third-party
# headers only: a change of ours rebuilds no more than before. The test executables reuse it
# (REUSE_FROM) and share its flags through the same targets; were GCC to find it unusable, it
# says so (-Winvalid-pch) and parses the headers as before, a warning rather than an error.
# Call it before the first minegate_test.
function(minegate_test_precompiled_header)
  if(NOT CMAKE_BUILD_TYPE STREQUAL "Debug")
    return()
  endif()
  set(source ${CMAKE_CURRENT_BINARY_DIR}/minegate_test_pch.cpp)
  file(WRITE ${source} "// The precompiled header's own translation unit: nothing else.\n")
  add_library(minegate_test_pch OBJECT ${source})
  target_include_directories(minegate_test_pch PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(minegate_test_pch PRIVATE GTest::gtest GTest::gmock GTest::gtest_main
                                                  minegate_base protobuf::libprotobuf
                                                  minegate_warnings)
  target_precompile_headers(minegate_test_pch PRIVATE
    <algorithm> <array> <atomic> <chrono> <condition_variable> <cstddef> <cstdint> <cstdio>
    <cstdlib> <filesystem> <fstream> <functional> <future> <iostream> <map> <memory> <mutex>
    <optional> <random> <regex> <set> <span> <sstream> <string> <string_view> <thread> <utility>
    <vector>
    <boost/outcome/result.hpp> <boost/system/error_code.hpp>
    <google/protobuf/message.h> <google/protobuf/util/json_util.h>
    <gtest/gtest.h>)
  set_property(GLOBAL PROPERTY MINEGATE_TEST_PCH ON)
endfunction()

# minegate_test(NAME SOURCES ... DEPS ... LABELS ... [COST seconds]
#               [SUITES_IN_ONE_PROCESS suite ... [SUITES_COST seconds]])
# One GoogleTest binary; every TEST inside it becomes a ctest test named
# NAME.Suite.Test carrying LABELS, each run in a process of its own.
# SUITES_IN_ONE_PROCESS: these suites build an expensive SetUpTestSuite (a generated population,
# a 100,000-entry log) that their tests only read; one process per test would build it once per
# test, so each such suite is one ctest test, NAME.Suite, that runs all of its tests.
# COST (each other ctest test of the binary), SUITES_COST (each of those suites): about how many
# seconds it takes under the sanitizers. A fresh build tree (CI) has no timings of its own; ctest
# then starts the costliest first, rather than leaving a long test to the end with a core idle.
function(minegate_test name)
  cmake_parse_arguments(ARG "" "COST;SUITES_COST" "SOURCES;DEPS;LABELS;SUITES_IN_ONE_PROCESS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} GTest::gtest GTest::gmock GTest::gtest_main
                                        minegate_warnings)
  set_target_properties(${name} PROPERTIES RUNTIME_OUTPUT_DIRECTORY ${CMAKE_BINARY_DIR}/tests)
  get_property(pch GLOBAL PROPERTY MINEGATE_TEST_PCH)
  if(pch)
    target_precompile_headers(${name} REUSE_FROM minegate_test_pch)
    target_compile_options(${name} PRIVATE -Wno-error=invalid-pch)
    if(CMAKE_CXX_COMPILER_LAUNCHER MATCHES "ccache")
      # ccache caches a compilation that uses a precompiled header only with this sloppiness
      # (ccache(1), "Precompiled headers").
      set_target_properties(${name} PROPERTIES CXX_COMPILER_LAUNCHER
        "${CMAKE_COMMAND};-E;env;CCACHE_SLOPPINESS=pch_defines,time_macros;${CMAKE_CXX_COMPILER_LAUNCHER}")
    endif()
  endif()
  set(cost "")
  if(ARG_COST)
    set(cost COST ${ARG_COST})
  endif()
  set(suites_cost "")
  if(ARG_SUITES_COST)
    set(suites_cost COST ${ARG_SUITES_COST})
  endif()
  set(one_process_filter "")
  foreach(suite IN LISTS ARG_SUITES_IN_ONE_PROCESS)
    add_test(NAME ${name}.${suite} COMMAND ${name} --gtest_filter=${suite}.*)
    set_tests_properties(${name}.${suite} PROPERTIES LABELS "${ARG_LABELS}" ${suites_cost})
    list(APPEND one_process_filter "${suite}.*")
  endforeach()
  set(discovery_filter "")
  if(one_process_filter)
    list(JOIN one_process_filter ":" one_process_filter)
    set(discovery_filter TEST_FILTER "-${one_process_filter}")
  endif()
  # Prefixed with the binary's name so `ctest -R db_test` selects a whole binary.
  gtest_discover_tests(${name}
    TEST_PREFIX "${name}."
    ${discovery_filter}
    PROPERTIES LABELS "${ARG_LABELS}" ${cost}
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
