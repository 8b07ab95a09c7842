// server/web's embedded assets against server/web/assets on disk: every file (hidden files
// aside) byte for byte under its own path; its gzip form, made at build time, inflates to the
// same bytes, carries no time stamp (reproducible builds) and exists only when smaller; the
// shell's every reference to the versioned prefix names a file that is served.

#include <gtest/gtest.h>
#include <zlib.h>

#include <filesystem>
#include <fstream>
#include <iterator>
#include <map>
#include <regex>
#include <string>

#include "server/web/embedded_asset.hpp"
#include "server/web/static_site.hpp"
#include "tests/unit/server_web/fixture_assets.hpp"
#include "tests/unit/server_web/gunzip.hpp"

namespace minegate::server::web {
namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

/// The size zlib's own gzip at level 9 gives: what the build's compression would reach.
std::size_t ZlibGzipSize(std::string_view bytes) {
  z_stream stream{};
  EXPECT_EQ(deflateInit2(&stream, 9, Z_DEFLATED, 15 + 16, 9, Z_DEFAULT_STRATEGY), Z_OK);
  std::string out(deflateBound(&stream, static_cast<uLong>(bytes.size())) + 32, '\0');
  stream.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(bytes.data()));
  stream.avail_in = static_cast<uInt>(bytes.size());
  stream.next_out = reinterpret_cast<Bytef*>(out.data());
  stream.avail_out = static_cast<uInt>(out.size());
  EXPECT_EQ(deflate(&stream, Z_FINISH), Z_STREAM_END);
  const std::size_t size = stream.total_out;
  deflateEnd(&stream);
  return size;
}

void ExpectBuildTimeGzip(std::span<const EmbeddedAsset> assets) {
  for (const EmbeddedAsset& asset : assets) {
    if (asset.gzip.empty()) {
      EXPECT_GE(ZlibGzipSize(asset.bytes), asset.bytes.size()) << asset.path << " would shrink";
      continue;
    }
    EXPECT_LT(asset.gzip.size(), asset.bytes.size()) << asset.path;
    EXPECT_EQ(test::web::Gunzip(asset.gzip), asset.bytes) << asset.path;
    ASSERT_GE(asset.gzip.size(), 10U);
    EXPECT_EQ(asset.gzip.substr(4, 4), std::string_view("\0\0\0\0", 4))
        << asset.path << ": MTIME zeroed";
  }
}

TEST(EmbeddedAssets, TheAssetsFolderByteForByte) {
  const fs::path root(SERVER_WEB_ASSETS_DIR);
  std::map<std::string, std::string> on_disk;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    const std::string relative = fs::relative(entry.path(), root).generic_string();
    if (entry.path().filename().string().front() == '.' || relative.back() == '~') continue;
    on_disk["/" + relative] = ReadFile(entry.path());
  }
  std::map<std::string, std::string> embedded;
  std::string previous;
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    EXPECT_LT(previous, asset.path) << "sorted, no duplicate";
    previous = std::string(asset.path);
    embedded[previous] = std::string(asset.bytes);
  }
  EXPECT_EQ(embedded, on_disk);
}

TEST(EmbeddedAssets, GzipFormsMadeAtBuildTime) {
  ExpectBuildTimeGzip(EmbeddedAssets());
  ExpectBuildTimeGzip(test::web::FixtureAssets());
  std::size_t compressed = 0;
  for (const EmbeddedAsset& asset : test::web::FixtureAssets()) compressed += !asset.gzip.empty();
  EXPECT_EQ(compressed, 4U) << "every fixture but tiny.json and noise.png";
}

TEST(EmbeddedAssets, TheShellNamesOnlyServedAssets) {
  const StaticSite site(EmbeddedAssets());
  net::HttpRequest request;
  request.method = "GET";
  request.path = request.target = "/";
  const std::string shell = site.Serve(request).body;
  const std::regex reference("\"(/static/[^\"]+)\"");
  int references = 0;
  for (auto it = std::sregex_iterator(shell.begin(), shell.end(), reference);
       it != std::sregex_iterator(); ++it) {
    EXPECT_TRUE(site.Serves((*it)[1].str())) << (*it)[1].str();
    ++references;
  }
  EXPECT_GE(references, 2) << shell;
}

// Officials reach the server over slow links: the first load of any workspace must stay under
// 200 KB on the wire. Every module is imported statically, so a first load fetches at most every
// file once, each in its smaller form, plus the shell: that sum is the bound checked here (the
// browser test measures the real transfer).
TEST(EmbeddedAssets, EverythingFitsTheFirstLoadBudget) {
  constexpr std::size_t kBudget = 200 * 1024;
  std::size_t total = 0;
  for (const EmbeddedAsset& asset : EmbeddedAssets()) {
    total += asset.gzip.empty() ? asset.bytes.size() : asset.gzip.size();
  }
  EXPECT_LE(total, kBudget) << total << " bytes on the wire at most";
}

}  // namespace
}  // namespace minegate::server::web
