# minegate_embed_files(TARGET <target> BASE_DIR <directory> FILES <file>...
#                      NAMESPACE <c++ namespace> FUNCTION <name> TYPE <c++ type>
#                      [HEADER <header declaring FUNCTION and TYPE>] [GZIP])
#
# Compiles FILES into TARGET as
#   std::span<const TYPE> <NAMESPACE>::<FUNCTION>();
# one entry per file, sorted by path, each aggregate-initialised as
#   TYPE{path, content_type, bytes}           (three std::string_view)
#   TYPE{path, content_type, bytes, gzip}     (four, with GZIP)
# where path is the file's path below BASE_DIR with a leading "/" ("/i18n/fr.json"),
# content_type follows the extension (see _minegate_embed_content_type) and bytes is the file,
# byte for byte. A binary thus serves only what it was built with: nothing is read at run time.
#
# With GZIP, each file is also compressed at build time (gzip, level 9, by CMake's own
# file(ARCHIVE_CREATE), no external tool) and `gzip` holds the compressed bytes when they are
# smaller than the file, an empty view otherwise (an image already compressed, a tiny file): a
# server then sends the smaller form the client accepts and never compresses at run time. The
# header's modification time is zeroed ("none" in RFC 1952), so the same files always give the
# same bytes: builds stay reproducible and an ETag computed from them stays stable.
#
# Every file must lie under BASE_DIR, be named with [A-Za-z0-9._-] only (no hidden file, no
# "..") and have a known extension; anything else is a configure error, so a file of unknown
# type is never served by accident. The source is generated at build time and depends on every
# file, so editing one rebuilds; the list itself is written to a manifest only when it changes,
# so adding or removing a file (with the caller's file(GLOB ... CONFIGURE_DEPENDS)) regenerates.
#
# Same shape as MinegateEmbedSql.cmake: this file is also the generator when run with
# `cmake -P` (see the end).

include_guard(GLOBAL)

# The Content-Type served for a path, by extension (lower case); FATAL_ERROR if unknown.
function(_minegate_embed_content_type path out_var)
  get_filename_component(name "${path}" NAME)
  string(TOLOWER "${name}" name)
  if(name MATCHES "\\.html?$")
    set(type "text/html; charset=utf-8")
  elseif(name MATCHES "\\.css$")
    set(type "text/css; charset=utf-8")
  elseif(name MATCHES "\\.m?js$")
    set(type "text/javascript; charset=utf-8")
  elseif(name MATCHES "\\.json$")
    set(type "application/json; charset=utf-8")
  elseif(name MATCHES "\\.svg$")
    set(type "image/svg+xml")
  elseif(name MATCHES "\\.png$")
    set(type "image/png")
  elseif(name MATCHES "\\.woff2$")
    set(type "font/woff2")
  elseif(name MATCHES "\\.ico$")
    set(type "image/x-icon")
  elseif(name MATCHES "\\.textproto$")
    set(type "text/plain; charset=utf-8")
  else()
    message(FATAL_ERROR "minegate_embed_files: '${path}' has no known content type "
                        "(html, css, js, json, svg, png, woff2, ico, textproto)")
  endif()
  set(${out_var} "${type}" PARENT_SCOPE)
endfunction()

# The served path ("/dir/name.ext") of `file` below `base_dir`; FATAL_ERROR if it is outside
# or badly named.
function(_minegate_embed_url_path base_dir file out_var)
  file(RELATIVE_PATH relative "${base_dir}" "${file}")
  if(relative STREQUAL "" OR relative MATCHES "^\\.\\./" OR IS_ABSOLUTE "${relative}")
    message(FATAL_ERROR "minegate_embed_files: '${file}' is not under BASE_DIR '${base_dir}'")
  endif()
  set(segment "[A-Za-z0-9_-][A-Za-z0-9._-]*")
  if(NOT relative MATCHES "^(${segment}/)*${segment}$" OR relative MATCHES "\\.\\.")
    message(FATAL_ERROR "minegate_embed_files: '${relative}' must be made of [A-Za-z0-9._-] "
                        "segments, none hidden, no '..'")
  endif()
  set(${out_var} "/${relative}" PARENT_SCOPE)
endfunction()

function(minegate_embed_files)
  cmake_parse_arguments(ARG "GZIP" "TARGET;BASE_DIR;NAMESPACE;FUNCTION;TYPE;HEADER" "FILES" ${ARGN})
  foreach(required TARGET BASE_DIR NAMESPACE FUNCTION TYPE)
    if(NOT ARG_${required})
      message(FATAL_ERROR "minegate_embed_files: ${required} is required")
    endif()
  endforeach()
  if(NOT TARGET ${ARG_TARGET})
    message(FATAL_ERROR "minegate_embed_files: no target '${ARG_TARGET}'")
  endif()
  set(identifier "[A-Za-z_][A-Za-z0-9_]*")
  if(NOT ARG_NAMESPACE MATCHES "^${identifier}(::${identifier})*$")
    message(FATAL_ERROR "minegate_embed_files: bad NAMESPACE '${ARG_NAMESPACE}'")
  endif()
  if(NOT ARG_FUNCTION MATCHES "^${identifier}$")
    message(FATAL_ERROR "minegate_embed_files: bad FUNCTION '${ARG_FUNCTION}'")
  endif()
  if(NOT ARG_TYPE MATCHES "^(::)?${identifier}(::${identifier})*$")
    message(FATAL_ERROR "minegate_embed_files: bad TYPE '${ARG_TYPE}'")
  endif()
  get_filename_component(base_dir "${ARG_BASE_DIR}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
  if(NOT IS_DIRECTORY "${base_dir}")
    message(FATAL_ERROR "minegate_embed_files: BASE_DIR '${base_dir}' is not a directory")
  endif()

  # Absolute, checked, sorted and without duplicates: the generated table is in path order.
  set(files "")
  foreach(file IN LISTS ARG_FILES)
    get_filename_component(file "${file}" ABSOLUTE BASE_DIR "${CMAKE_CURRENT_SOURCE_DIR}")
    if(NOT EXISTS "${file}" OR IS_DIRECTORY "${file}")
      message(FATAL_ERROR "minegate_embed_files: '${file}' is not a file")
    endif()
    _minegate_embed_url_path("${base_dir}" "${file}" url_path)
    _minegate_embed_content_type("${file}" content_type)
    list(APPEND files "${file}")
  endforeach()
  list(REMOVE_DUPLICATES files)
  list(SORT files)

  set(script "${CMAKE_CURRENT_FUNCTION_LIST_FILE}")
  set(output "${CMAKE_CURRENT_BINARY_DIR}/embedded_files/${ARG_TARGET}_${ARG_FUNCTION}.cpp")
  set(manifest "${output}.files")
  file(CONFIGURE OUTPUT "${manifest}" CONTENT "${files}\n")
  add_custom_command(
    OUTPUT "${output}"
    COMMAND "${CMAKE_COMMAND}" "-DBASE_DIR=${base_dir}" "-DMANIFEST=${manifest}"
            "-DOUTPUT=${output}" "-DNAMESPACE=${ARG_NAMESPACE}" "-DFUNCTION=${ARG_FUNCTION}"
            "-DTYPE=${ARG_TYPE}" "-DHEADER=${ARG_HEADER}" "-DGZIP=${ARG_GZIP}" -P "${script}"
    DEPENDS ${files} "${manifest}" "${script}"
    COMMENT "Embedding ${base_dir} as ${ARG_NAMESPACE}::${ARG_FUNCTION}()"
    VERBATIM)
  target_sources(${ARG_TARGET} PRIVATE "${output}")
  # Generated arrays share names across embedded sets: compiled alone, never in a unity batch.
  set_source_files_properties("${output}" PROPERTIES SKIP_UNITY_BUILD_INCLUSION ON)
endfunction()

# The C++ array `name` holding the bytes of `hex` (lower-case hex text): 16 bytes per line, each
# byte as a char literal ('\x3c', ...), then a final NUL so that an empty file still makes a
# valid array; views leave it out.
function(_minegate_embed_array name comment hex out_var)
  string(REPEAT "[0-9a-f]" 32 line_of_hex)
  string(REGEX REPLACE "(${line_of_hex})" "\\1\n    " hex "${hex}")
  string(REGEX REPLACE "([0-9a-f][0-9a-f])" "'\\\\x\\1', " bytes "${hex}")
  set(${out_var} "// ${comment}\nconstexpr char ${name}[] = {\n    ${bytes}'\\0'};\n\n" PARENT_SCOPE)
endfunction()

# The gzip form of `path` as hex text, its header's MTIME zeroed (bytes 4 to 7).
function(_minegate_embed_gzip_hex path scratch out_var)
  file(ARCHIVE_CREATE OUTPUT "${scratch}" PATHS "${path}" FORMAT raw COMPRESSION GZip
       COMPRESSION_LEVEL 9)
  file(READ "${scratch}" hex HEX)
  file(REMOVE "${scratch}")
  if(NOT hex MATCHES "^1f8b08")
    message(FATAL_ERROR "minegate_embed_files: '${path}' did not compress to gzip")
  endif()
  string(SUBSTRING "${hex}" 0 8 magic)
  string(SUBSTRING "${hex}" 16 -1 rest)
  set(${out_var} "${magic}00000000${rest}" PARENT_SCOPE)
endfunction()

# Script mode: cmake -DBASE_DIR=... -DMANIFEST=... -DOUTPUT=... -DNAMESPACE=... -DFUNCTION=...
#                    -DTYPE=... [-DHEADER=...] [-DGZIP=ON] -P MinegateEmbedFiles.cmake
if(CMAKE_SCRIPT_MODE_FILE STREQUAL CMAKE_CURRENT_LIST_FILE)
  file(READ "${MANIFEST}" files)
  string(STRIP "${files}" files)
  set(arrays "")
  set(entries "")
  set(index 0)
  foreach(path IN LISTS files)
    _minegate_embed_url_path("${BASE_DIR}" "${path}" url_path)
    _minegate_embed_content_type("${path}" content_type)
    file(READ "${path}" hex HEX)
    _minegate_embed_array("kFile${index}" "${url_path}" "${hex}" array)
    string(APPEND arrays "${array}")
    set(gzip_view "")
    if(GZIP)
      _minegate_embed_gzip_hex("${path}" "${OUTPUT}.gz.tmp" gzip_hex)
      string(LENGTH "${hex}" plain_length)
      string(LENGTH "${gzip_hex}" gzip_length)
      if(gzip_length LESS plain_length)
        _minegate_embed_array("kGzip${index}" "${url_path} (gzip)" "${gzip_hex}" array)
        string(APPEND arrays "${array}")
        set(gzip_view ", std::string_view(kGzip${index}, sizeof(kGzip${index}) - 1)")
      else()
        set(gzip_view ", std::string_view()")
      endif()
    endif()
    string(APPEND entries "    {\"${url_path}\", \"${content_type}\", "
                          "std::string_view(kFile${index}, sizeof(kFile${index}) - 1)${gzip_view}},\n")
    math(EXPR index "${index} + 1")
  endforeach()

  if(entries STREQUAL "")
    set(body "  return {};\n")
  else()
    set(body "  static constexpr ${TYPE} kFiles[] = {\n${entries}  };\n  return kFiles;\n")
  endif()
  set(header_include "")
  if(HEADER)
    set(header_include "#include \"${HEADER}\"\n")
  endif()

  file(WRITE "${OUTPUT}.tmp"
       "// Generated by tools/cmake/MinegateEmbedFiles.cmake from ${BASE_DIR}. Do not edit.\n"
       "#include <span>\n#include <string_view>\n\n${header_include}\n"
       "namespace ${NAMESPACE} {\nnamespace {\n\n${arrays}}  // namespace\n\n"
       "std::span<const ${TYPE}> ${FUNCTION}() {\n${body}}\n\n"
       "}  // namespace ${NAMESPACE}\n")
  file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
endif()
