# minegate_library(NAME SOURCES ... DEPS ...)
# One library per folder: the repository root is its include root, it gets
# our warnings, and it links exactly the DEPS it declares. The folder and its
# DEPS are recorded for the include lint (minegate_write_layering below).
function(minegate_library name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_library(${name} ${MINEGATE_LIBRARY_TYPE} ${ARG_SOURCES})
  target_include_directories(${name} PUBLIC ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PUBLIC ${ARG_DEPS} PRIVATE minegate_warnings)
  if(NOT name STREQUAL "minegate_base")
    # base/ is the support library every library may use: linked by all, declared by none.
    target_link_libraries(${name} PUBLIC minegate_base)
  endif()
  _minegate_record_layer(${name} "${ARG_DEPS}")
endfunction()

# minegate_separate_translation_units(TARGET ...)
# Keeps these targets out of unity batches: Boost.Beast sessions take a minute or more each to
# compile, and batched together they would be compiled one after the other instead of in
# parallel; protobuf's generated files define the same internal names in every file.
function(minegate_separate_translation_units)
  set_target_properties(${ARGN} PROPERTIES UNITY_BUILD OFF)
endfunction()

# minegate_executable(NAME SOURCES ... DEPS ...)
function(minegate_executable name)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPS" ${ARGN})
  add_executable(${name} ${ARG_SOURCES})
  target_include_directories(${name} PRIVATE ${PROJECT_SOURCE_DIR})
  target_link_libraries(${name} PRIVATE ${ARG_DEPS} minegate_base minegate_warnings)
  _minegate_record_layer(${name} "${ARG_DEPS}")
endfunction()

function(_minegate_record_layer name deps)
  file(RELATIVE_PATH folder ${PROJECT_SOURCE_DIR} ${CMAKE_CURRENT_SOURCE_DIR})
  set_property(GLOBAL APPEND PROPERTY MINEGATE_LAYER_TARGETS ${name})
  set_property(GLOBAL PROPERTY MINEGATE_LAYER_FOLDER_${name} ${folder})
  set_property(GLOBAL PROPERTY MINEGATE_LAYER_DEPS_${name} ${deps})
endfunction()

# minegate_write_layering(FILE)
# Writes one line per product folder holding a library or executable:
#   <folder> <folder it may include from> ...
# that is, itself and the folders of the minegate targets it declares in DEPS
# (direct dependencies only: a header used must be a library declared). Call it
# once, after every folder has been added; tests/lint/check_includes.sh reads it.
function(minegate_write_layering file)
  get_property(targets GLOBAL PROPERTY MINEGATE_LAYER_TARGETS)
  set(folders "")
  foreach(target IN LISTS targets)
    get_property(folder GLOBAL PROPERTY MINEGATE_LAYER_FOLDER_${target})
    if(folder MATCHES "^tests(/|$)")
      continue()  # tests may include any product header they link
    endif()
    get_property(deps GLOBAL PROPERTY MINEGATE_LAYER_DEPS_${target})
    list(APPEND folders ${folder})
    list(APPEND allowed_${folder} ${folder})
    foreach(dep IN LISTS deps)
      get_property(dep_folder GLOBAL PROPERTY MINEGATE_LAYER_FOLDER_${dep})
      if(dep_folder)
        list(APPEND allowed_${folder} ${dep_folder})
      endif()
    endforeach()
  endforeach()
  list(REMOVE_DUPLICATES folders)
  list(SORT folders)
  set(content "")
  foreach(folder IN LISTS folders)
    list(REMOVE_DUPLICATES allowed_${folder})
    list(SORT allowed_${folder})
    list(JOIN allowed_${folder} " " line)
    string(APPEND content "${folder} ${line}\n")
  endforeach()
  file(WRITE ${file} "${content}")
endfunction()
