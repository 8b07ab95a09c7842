// Accept-Encoding and If-None-Match as browsers, proxies and scripts write them.

#include "server/web/content_negotiation.hpp"

#include <gtest/gtest.h>

namespace minegate::server::web {
namespace {

TEST(AcceptsGzip, WhatBrowsersSend) {
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br"));
  EXPECT_TRUE(AcceptsGzip("gzip, deflate, br, zstd"));
  EXPECT_TRUE(AcceptsGzip("gzip"));
  EXPECT_TRUE(AcceptsGzip("GZip"));
  EXPECT_TRUE(AcceptsGzip("x-gzip"));
  EXPECT_TRUE(AcceptsGzip("deflate ,\tgzip ;q=0.5"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=1.000"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.001"));
}

TEST(AcceptsGzip, NoneOrRefused) {
  EXPECT_FALSE(AcceptsGzip(""));
  EXPECT_FALSE(AcceptsGzip("identity"));
  EXPECT_FALSE(AcceptsGzip("br, deflate"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzip; q=0.000"));
  EXPECT_FALSE(AcceptsGzip("gzip;Q=0.0"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0, *"));  // named and refused: the wildcard does not revive it
  EXPECT_FALSE(AcceptsGzip("gzip, gzip;q=0"));
  EXPECT_FALSE(AcceptsGzip("gzips"));
  EXPECT_FALSE(AcceptsGzip("*;q=0"));
}

TEST(AcceptsGzip, Wildcard) {
  EXPECT_TRUE(AcceptsGzip("*"));
  EXPECT_TRUE(AcceptsGzip("br;q=1, *;q=0.1"));
  EXPECT_TRUE(AcceptsGzip("gzip;q=0.2, *;q=0"));  // named and accepted: the wildcard is moot
}

TEST(AcceptsGzip, MalformedWeightCountsAsAbsent) {
  EXPECT_FALSE(AcceptsGzip("gzip;q=2"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=1.5"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=0.0001"));
  EXPECT_FALSE(AcceptsGzip("gzip;q=abc"));
  EXPECT_FALSE(AcceptsGzip("gzip;q="));
  EXPECT_TRUE(AcceptsGzip("gzip;q=oops, *"));  // the wildcard still speaks
}

TEST(IfNoneMatchHits, ListsAndWeakTags) {
  const std::string_view etag = "\"abc123\"";
  EXPECT_TRUE(IfNoneMatchHits("\"abc123\"", etag));
  EXPECT_TRUE(IfNoneMatchHits("W/\"abc123\"", etag));
  EXPECT_TRUE(IfNoneMatchHits("\"x\", \"abc123\"", etag));
  EXPECT_TRUE(IfNoneMatchHits("\"x\",W/\"abc123\" ", etag));
  EXPECT_TRUE(IfNoneMatchHits("*", etag));
  EXPECT_TRUE(IfNoneMatchHits(" * ", etag));
  EXPECT_TRUE(IfNoneMatchHits("\"a,b\", \"abc123\"", etag));  // a comma inside a tag
}

TEST(IfNoneMatchHits, Misses) {
  const std::string_view etag = "\"abc123\"";
  EXPECT_FALSE(IfNoneMatchHits("", etag));
  EXPECT_FALSE(IfNoneMatchHits("\"abc12\"", etag));
  EXPECT_FALSE(IfNoneMatchHits("\"ABC123\"", etag));
  EXPECT_FALSE(IfNoneMatchHits("abc123", etag));  // unquoted: malformed
  EXPECT_FALSE(IfNoneMatchHits("\"abc123", etag));
  EXPECT_FALSE(IfNoneMatchHits("junk, \"abc123\"", etag));  // malformed before: the list ends
  EXPECT_FALSE(IfNoneMatchHits("w/\"abc123\"", etag));      // the W is upper case only
}

}  // namespace
}  // namespace minegate::server::web
