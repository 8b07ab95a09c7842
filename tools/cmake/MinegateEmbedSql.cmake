# minegate_embed_migrations(TARGET <target> NAMESPACE <c++ namespace> FUNCTION <name>
#                           DIR <directory> [HEADER <header declaring FUNCTION>])
#
# Compiles the SQL migrations in DIR into TARGET as
#   std::span<const minegate::db::Migration> <NAMESPACE>::<FUNCTION>();
# so a binary carries its schema and cannot run against a missing or edited .sql file.
#
# DIR holds only files named NNNN_name.sql (four digits, then lower-case letters, digits and
# underscores), numbered 0001, 0002, ... without gaps; anything else is a configure error.
# The source is generated at build time and depends on every .sql file, so editing one rebuilds;
# adding or renaming one re-runs the configure step (file(GLOB CONFIGURE_DEPENDS)).
# Each file is emitted as a char array, byte for byte: no delimiter can clash with the SQL and
# UTF-8 is kept as is. HEADER, if given, is #included by the generated source so that the
# compiler checks the declaration against the definition.
#
# This file is also the generator itself when run with `cmake -P` (see the end).

include_guard(GLOBAL)

# Lists DIR's migrations in version order, failing on a bad name, a gap or an empty file.
function(_minegate_migration_files dir out_var)
  if(CMAKE_SCRIPT_MODE_FILE)
    file(GLOB entries LIST_DIRECTORIES false "${dir}/*")
  else()
    file(GLOB entries LIST_DIRECTORIES false CONFIGURE_DEPENDS "${dir}/*")
  endif()
  list(SORT entries)
  set(files "")
  set(expected 1)
  foreach(path IN LISTS entries)
    get_filename_component(file_name "${path}" NAME)
    if(NOT file_name MATCHES "^([0-9][0-9][0-9][0-9])_[a-z0-9_]+\\.sql$")
      message(FATAL_ERROR "minegate_embed_migrations: '${path}' is not named NNNN_name.sql "
                          "(four digits, then [a-z0-9_]); only migrations belong in ${dir}")
    endif()
    set(prefix "${CMAKE_MATCH_1}")
    string(REGEX REPLACE "^0+" "" version "${prefix}")
    if(NOT version STREQUAL "${expected}")
      message(FATAL_ERROR "minegate_embed_migrations: '${path}' has version ${prefix}, "
                          "expected ${expected}: versions run 0001, 0002, ... without gaps")
    endif()
    file(SIZE "${path}" size)
    if(size EQUAL 0)
      message(FATAL_ERROR "minegate_embed_migrations: '${path}' is empty")
    endif()
    list(APPEND files "${path}")
    math(EXPR expected "${expected} + 1")
  endforeach()
  set(${out_var} "${files}" PARENT_SCOPE)
endfunction()

function(minegate_embed_migrations)
  cmake_parse_arguments(ARG "" "TARGET;NAMESPACE;FUNCTION;DIR;HEADER" "" ${ARGN})
  foreach(required TARGET NAMESPACE FUNCTION DIR)
    if(NOT ARG_${required})
      message(FATAL_ERROR "minegate_embed_migrations: ${required} is required")
    endif()
  endforeach()
  if(NOT TARGET ${ARG_TARGET})
    message(FATAL_ERROR "minegate_embed_migrations: no target '${ARG_TARGET}'")
  endif()
  set(identifier "[A-Za-z_][A-Za-z0-9_]*")
  if(NOT ARG_NAMESPACE MATCHES "^${identifier}(::${identifier})*$")
    message(FATAL_ERROR "minegate_embed_migrations: bad NAMESPACE '${ARG_NAMESPACE}'")
  endif()
  if(NOT ARG_FUNCTION MATCHES "^${identifier}$")
    message(FATAL_ERROR "minegate_embed_migrations: bad FUNCTION '${ARG_FUNCTION}'")
  endif()
  get_filename_component(dir "${ARG_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${dir}")
    message(FATAL_ERROR "minegate_embed_migrations: DIR '${dir}' is not a directory")
  endif()

  _minegate_migration_files("${dir}" files)
  # This very file is the generator; CMAKE_CURRENT_FUNCTION_LIST_FILE names it from any directory.
  set(script "${CMAKE_CURRENT_FUNCTION_LIST_FILE}")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_sql/${ARG_TARGET}_${ARG_FUNCTION}.cpp")
  # The file list, rewritten only when it changes, so that removing a migration also regenerates.
  set(manifest "${output}.files")
  file(CONFIGURE OUTPUT "${manifest}" CONTENT "${files}\n")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" "-DMIGRATION_DIR=${dir}" "-DOUTPUT=${output}"
            "-DNAMESPACE=${ARG_NAMESPACE}" "-DFUNCTION=${ARG_FUNCTION}" "-DHEADER=${ARG_HEADER}"
            -P "${script}"
    DEPENDS ${files} "${manifest}" "${script}"
    COMMENT "Embedding SQL migrations from ${dir} as ${ARG_NAMESPACE}::${ARG_FUNCTION}()"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${output}")
  # Generated arrays share names across embedded sets: compiled alone, never in a unity batch.
  set_source_files_properties("${output}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()

# Script mode: cmake -DMIGRATION_DIR=... -DOUTPUT=... -DNAMESPACE=... -DFUNCTION=...
#                    [-DHEADER=...] -P MinegateEmbedSql.cmake
if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  _minegate_migration_files("${MIGRATION_DIR}" files)
  set(arrays "")
  set(entries "")
  foreach(path IN LISTS files)
    get_filename_component(file_name "${path}" NAME_WE)
    string(SUBSTRING "${file_name}" 0 4 prefix)
    string(SUBSTRING "${file_name}" 5 -1 name)
    string(REGEX REPLACE "^0+" "" version "${prefix}")
    file(READ "${path}" hex HEX)
    # 16 bytes per line, each byte as a char literal: '\x2d',
    string(REPEAT "[0-9a-f]" 32 line_of_hex)
    string(REGEX REPLACE "(${line_of_hex})" "\\1\n    " hex "${hex}")
    string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1', " bytes "${hex}")
    string(REGEX REPLACE " (\n|$)" "\\1" bytes "${bytes}")
    string(APPEND arrays "// ${file_name}.sql\nconstexpr char kSql${prefix}[] = {\n    ${bytes}};\n\n")
    string(APPEND entries
           "    {${version}, \"${name}\", std::string_view(kSql${prefix}, sizeof(kSql${prefix}))},\n")
  endforeach()

  if(entries STREQUAL "")
    set(body "  return {};\n")
  else()
    set(body "  static constexpr minegate::db::Migration kMigrations[] = {\n${entries}  };\n  return kMigrations;\n")
  endif()
  set(header_include "")
  if(HEADER)
    set(header_include "#include \"${HEADER}\"\n")
  endif()

  file(WRITE "${OUTPUT}.tmp"
       "// Generated by tools/cmake/MinegateEmbedSql.cmake from ${MIGRATION_DIR}. Do not edit.\n"
       "#include <span>\n#include <string_view>\n\n"
       "#include \"db/migrations.hpp\"\n${header_include}\n"
       "namespace ${NAMESPACE} {\nnamespace {\n\n${arrays}}  // namespace\n\n"
       "std::span<const minegate::db::Migration> ${FUNCTION}() {\n${body}}\n\n"
       "}  // namespace ${NAMESPACE}\n")
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
endif()
