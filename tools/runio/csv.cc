#include "tools/runio/csv.h"

#include <fmt/compile.h>
#include <fmt/format.h>

#include <charconv>
#include <cmath>
#include <filesystem>
#include <system_error>

namespace overstretch::cli {
namespace {

// Rows are collected in memory and written in blocks of about this size: few
// system calls, bounded memory however long the run.
constexpr std::size_t kFlushBytes = 1 << 16;

}  // namespace

std::string FormatNumber(double x) {
  std::string text;
  AppendNumber(text, x);
  return text;
}

void AppendNumber(std::string& out, double x) {
  if (!std::isfinite(x)) return;
  if (x == 0.0) {  // also turns -0 into 0
    out.push_back('0');
    return;
  }
  // fmt's "{}" is the shortest text that reads back as the same double, so
  // equal runs give byte-equal files and nothing is lost on reading. Compiled
  // into a stack buffer: no format string parsed, no string allocated.
  char buffer[40];  // the longest is 24 ("-2.2250738585072014e-308")
  const char* end = fmt::format_to(buffer, FMT_COMPILE("{}"), x);
  out.append(buffer, static_cast<std::size_t>(end - buffer));
}

void AppendCsvField(std::string& out, std::string_view field) {
  if (field.find_first_of(",\"\r\n") == std::string_view::npos) {
    out.append(field);
    return;
  }
  out.push_back('"');
  for (char c : field) {
    if (c == '"') out.push_back('"');
    out.push_back(c);
  }
  out.push_back('"');
}

bool SplitCsvLine(std::string_view line, std::vector<std::string>* fields, std::string* error) {
  fields->clear();
  std::string field;
  std::size_t i = 0;
  while (true) {
    field.clear();
    if (i < line.size() && line[i] == '"') {
      ++i;
      while (true) {
        if (i >= line.size()) {
          *error = "unterminated quoted field";
          return false;
        }
        if (line[i] == '"') {
          if (i + 1 < line.size() && line[i + 1] == '"') {
            field.push_back('"');
            i += 2;
            continue;
          }
          ++i;
          break;
        }
        field.push_back(line[i++]);
      }
      if (i < line.size() && line[i] != ',') {
        *error = "unexpected text after a quoted field";
        return false;
      }
    } else {
      const std::size_t end = std::min(line.find(',', i), line.size());
      const std::string_view raw = line.substr(i, end - i);
      if (raw.find('"') != std::string_view::npos) {
        *error = "quote inside an unquoted field";
        return false;
      }
      field.assign(raw);
      i = end;
    }
    fields->push_back(field);
    if (i >= line.size()) return true;
    ++i;  // the comma
  }
}

std::optional<double> ParseFiniteDouble(std::string_view text) {
  if (text.empty() || text.front() == '+') return std::nullopt;
  double value = 0.0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || !std::isfinite(value)) {
    return std::nullopt;
  }
  return value;
}

std::optional<long long> ParseInteger(std::string_view text) {
  if (text.empty()) return std::nullopt;
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

// ------------------------------------------------------------------ writer

bool CsvWriter::Open(const std::string& path, std::string* error) {
  path_ = path;
  file_.open(path, std::ios::binary | std::ios::trunc);
  if (!file_) {
    *error = fmt::format("cannot create {}", path);
    return false;
  }
  buffer_.reserve(kFlushBytes + 4096);
  return true;
}

void CsvWriter::Separator() {
  if (row_started_) buffer_.push_back(',');
  row_started_ = true;
}

CsvWriter& CsvWriter::Text(std::string_view field) {
  Separator();
  AppendCsvField(buffer_, field);
  return *this;
}

CsvWriter& CsvWriter::Number(double x) {
  Separator();
  AppendNumber(buffer_, x);
  return *this;
}

CsvWriter& CsvWriter::Integer(long long x) {
  Separator();
  fmt::format_to(std::back_inserter(buffer_), FMT_COMPILE("{}"), x);
  return *this;
}

CsvWriter& CsvWriter::Empty() {
  Separator();
  return *this;
}

void CsvWriter::EndRow() {
  buffer_.push_back('\n');
  row_started_ = false;
  FlushIfLarge();
}

void CsvWriter::FlushIfLarge() {
  if (buffer_.size() < kFlushBytes) return;
  file_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
}

bool CsvWriter::Close(std::string* error) {
  if (!file_.is_open()) {
    *error = fmt::format("{} was never opened", path_);
    return false;
  }
  file_.write(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  buffer_.clear();
  file_.flush();
  const bool ok = static_cast<bool>(file_);
  file_.close();
  if (!ok || file_.fail()) {
    *error = fmt::format("error writing {}", path_);
    return false;
  }
  return true;
}

// ------------------------------------------------------------------ reader

bool CsvReader::Open(const std::string& path, std::string* error) {
  path_ = path;
  std::error_code ec;
  if (!std::filesystem::is_regular_file(path, ec)) {
    *error = fmt::format("{}: no such file", path);
    return false;
  }
  file_.open(path, std::ios::binary);
  if (!file_) {
    *error = fmt::format("{}: cannot open", path);
    return false;
  }
  buffer_.assign(kMaxLine + 2, '\0');
  std::string line;
  if (!ReadLine(&line, error)) {
    if (error->empty()) *error = fmt::format("{}: empty file, expected a header row", path);
    return false;
  }
  std::string why;
  if (!SplitCsvLine(line, &header_, &why)) {
    *error = fmt::format("{}: {}", Where(), why);
    return false;
  }
  return true;
}

std::optional<std::size_t> CsvReader::Column(std::string_view name) const {
  for (std::size_t i = 0; i < header_.size(); ++i) {
    if (header_[i] == name) return i;
  }
  return std::nullopt;
}

bool CsvReader::ReadLine(std::string* line, std::string* error) {
  error->clear();
  if (file_.eof()) return false;
  file_.getline(buffer_.data(), static_cast<std::streamsize>(buffer_.size()));
  const std::streamsize got = file_.gcount();
  if (file_.bad()) {
    *error = fmt::format("{}:{}: read error", path_, line_ + 1);
    return false;
  }
  if (file_.fail()) {
    if (got == 0 && file_.eof()) return false;  // clean end of file
    *error = fmt::format("{}:{}: line longer than {} bytes", path_, line_ + 1, kMaxLine);
    return false;
  }
  ++line_;
  // gcount counts the line break that getline consumed but did not store;
  // without eof the line ended in one.
  const std::size_t size = static_cast<std::size_t>(got) - (file_.eof() ? 0 : 1);
  line->assign(buffer_.data(), size);
  if (!line->empty() && line->back() == '\r') line->pop_back();
  if (line->find('\0') != std::string::npos) {
    *error = fmt::format("{}: NUL byte in a text file", Where());
    return false;
  }
  return true;
}

bool CsvReader::Next(std::vector<std::string>* fields, std::string* error) {
  std::string line;
  while (true) {
    if (!ReadLine(&line, error)) return false;
    if (!line.empty()) break;
    if (file_.eof()) return false;  // a final empty line
    *error = fmt::format("{}: empty line", Where());
    return false;
  }
  std::string why;
  if (!SplitCsvLine(line, fields, &why)) {
    *error = fmt::format("{}: {}", Where(), why);
    return false;
  }
  if (fields->size() != header_.size()) {
    *error = fmt::format("{}: {} fields, expected {} as in the header", Where(), fields->size(),
                         header_.size());
    return false;
  }
  return true;
}

std::string CsvReader::Where() const { return fmt::format("{}:{}", path_, line_); }

}  // namespace overstretch::cli
