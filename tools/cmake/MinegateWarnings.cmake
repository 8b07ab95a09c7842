# Warnings for our own targets only. Generated protobuf code does not link
# this target: it trips -Wsign-conversion and -Wshadow, and it is not ours.
add_library(minegate_warnings INTERFACE)
target_compile_options(minegate_warnings INTERFACE
  -Wall -Wextra -Wpedantic -Werror
  -Wconversion -Wsign-conversion -Wshadow -Wdelete-non-virtual-dtor
  -Wold-style-cast -Woverloaded-virtual -Wnull-dereference
  -Wimplicit-fallthrough -Wformat=2)
