// Inflates a gzip member with zlib: the tests' independent check of what the build compressed.
#pragma once

#include <zlib.h>

#include <optional>
#include <string>
#include <string_view>

namespace minegate::test::web {

inline std::optional<std::string> Gunzip(std::string_view gzip) {
  z_stream stream{};
  // 15 window bits + 16: a gzip header and trailer (CRC-32, length), both checked by zlib.
  if (inflateInit2(&stream, 15 + 16) != Z_OK) return std::nullopt;
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(gzip.data()));
  stream.avail_in = static_cast<uInt>(gzip.size());
  std::string out;
  char buffer[4096];
  int status = Z_OK;
  while (status == Z_OK) {
    stream.next_out = reinterpret_cast<Bytef*>(buffer);
    stream.avail_out = sizeof(buffer);
    status = inflate(&stream, Z_NO_FLUSH);
    out.append(buffer, sizeof(buffer) - stream.avail_out);
  }
  const bool whole = status == Z_STREAM_END && stream.avail_in == 0;
  inflateEnd(&stream);
  if (!whole) return std::nullopt;
  return out;
}

}  // namespace minegate::test::web
