#include "tools/runio/file_util.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <fstream>

namespace overstretch::cli {

namespace fs = std::filesystem;

bool WriteFileAtomically(const fs::path& path, const std::string& text, std::string* error) {
  std::error_code ec;
  if (path.empty() || fs::is_directory(path, ec)) {
    *error = fmt::format("'{}' is a directory or empty: name a file", path.string());
    return false;
  }
  // The pid keeps two processes writing the same destination apart.
  fs::path temp = path;
  temp += fmt::format(".tmp-{}", static_cast<long long>(::getpid()));
  {
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    out.write(text.data(), static_cast<std::streamsize>(text.size()));
    out.flush();
    if (!out) {
      out.close();
      fs::remove(temp, ec);
      *error = fmt::format("cannot write {}", path.string());
      return false;
    }
  }
  fs::rename(temp, path, ec);
  if (ec) {
    std::error_code ignored;
    fs::remove(temp, ignored);
    *error = fmt::format("cannot write {}: {}", path.string(), ec.message());
    return false;
  }
  return true;
}

std::string SafeName(const std::string& name) {
  std::string out;
  for (unsigned char c : name) {
    out.push_back(std::isalnum(c) || c == '-' || c == '_' || c == '.' ? static_cast<char>(c) : '_');
    if (out.size() >= 64) break;
  }
  if (out.empty() || out[0] == '.') out.insert(0, "scenario");
  return out;
}

bool IsDecimal(const std::string& text, bool signed_ok) {
  const std::size_t start = signed_ok && !text.empty() && text[0] == '-' ? 1 : 0;
  if (text.size() == start || text.size() > 24) return false;
  return std::all_of(text.begin() + static_cast<std::ptrdiff_t>(start), text.end(),
                     [](unsigned char c) { return std::isdigit(c) != 0; });
}

}  // namespace overstretch::cli
