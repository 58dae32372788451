// ReadBounded (engine/bounded_read.h): whole files under the limit, a file
// over it reported as over, an endless stream that ends.
#include "engine/bounded_read.h"

#include <gtest/gtest.h>

#include <sstream>
#include <streambuf>

namespace overstretch {
namespace {

// A stream that never ends, like /dev/zero.
class Endless : public std::streambuf {
 protected:
  int_type underflow() override {
    setg(zeros_, zeros_, zeros_ + sizeof zeros_);
    return traits_type::to_int_type('\0');
  }

 private:
  char zeros_[4096] = {};
};

TEST(BoundedRead, ReadsAWholeFileUnderTheLimit) {
  const std::string content(200'000, 'x');
  std::istringstream in(content + "end");
  std::string text;
  ASSERT_TRUE(ReadBounded(in, 1 << 20, &text));
  EXPECT_EQ(text, content + "end");
  std::istringstream empty;
  ASSERT_TRUE(ReadBounded(empty, 10, &text));
  EXPECT_TRUE(text.empty());
}

TEST(BoundedRead, AFileOverTheLimitReadsOverTheLimitOnly) {
  std::istringstream in(std::string(1'000'000, 'y'));
  std::string text;
  ASSERT_TRUE(ReadBounded(in, 100'000, &text));
  EXPECT_GT(text.size(), 100'000u);
  EXPECT_LT(text.size(), 1'000'000u);
  std::istringstream exact(std::string(100'000, 'z'));
  ASSERT_TRUE(ReadBounded(exact, 100'000, &text));
  EXPECT_EQ(text.size(), 100'000u);
}

TEST(BoundedRead, AnEndlessStreamEnds) {
  Endless endless;
  std::istream in(&endless);
  std::string text;
  ASSERT_TRUE(ReadBounded(in, 1 << 20, &text));
  EXPECT_GT(text.size(), std::size_t{1} << 20);
  EXPECT_LE(text.size(), (std::size_t{1} << 20) + 64 * 1024);
}

}  // namespace
}  // namespace overstretch
