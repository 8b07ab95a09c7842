# Warnings for our own targets only. Generated protobuf code does not link
# this target: it trips -Wsign-conversion and -Wshadow, and it is not ours.
# -Wnull-dereference is left out: at -O2 GCC 12 reports it inside Asio's
# scheduler, where no null pointer can occur.
add_library(minegate_warnings INTERFACE)
target_compile_options(minegate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wconversion -Wsign-conversion -Wshadow -Wdelete-non-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual
  -Wimplicit-fallthrough -Wformat=2)

# A unity batch (CMAKE_UNITY_BUILD, on in the presets) lets GCC 12 inline across files, and it
# then reports -Wmaybe-uninitialized inside Boost.Outcome's result storage, where every member
# is initialised; the tsan preset (GCC) turns it off for the same reason. The asan and fuzz presets
# build with clang, which has no such warning.
if(CMAKE_UNITY_BUILD AND CMAKE_CXX_COMPILER_ID STREQUAL "GNU")
  target_compile_options(minegate_warnings INTERFACE -Wno-maybe-uninitialized)
endif()
