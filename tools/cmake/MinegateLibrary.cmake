# minegate_library(NAME SOURCES ... DEPS ...)
# One library per folder: the repository root is its include root, it gets
# our warnings, and it links exactly the DEPS it declares.
function(minegate_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} STATIC ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE minegate_warnings)
endfunction()

# minegate_executable(NAME SOURCES ... DEPS ...)
function(minegate_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} minegate_warnings)
endfunction()
