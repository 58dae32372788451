// Reading scenario files: a cheap pre-scan of the raw text (size, binary data,
// nesting depth), then yaml-cpp's event parser into our own ConfigNode tree,
// overrides applied to a copy of that tree, then validation and construction
// (engine/scenario_builder.cc). yaml-cpp is used in this file only.
//
// Why events rather than YAML::Load: the event stream shows anchors and
// aliases (rejected here, so an alias bomb costs nothing), keeps repeated map
// keys, and our tree is built with an explicit stack, so no input makes this
// code recurse.
#include "engine/scenario_loader.h"

#include <fmt/format.h>
#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <cstring>
#include <exception>
#include <filesystem>
#include <fstream>
#include <new>
#include <sstream>
#include <utility>

#include "engine/bounded_read.h"
#include "engine/config_reader.h"
#include "engine/config_tree.h"
#include "engine/config_yaml.h"
#include "engine/scenario_builder.h"

namespace overstretch {
namespace {

constexpr std::size_t kMaxFileBytes = std::size_t{8} << 20;  // 8 MiB
// yaml-cpp 0.7's parser recurses once per nesting level; real scenarios nest
// about 6 deep. The pre-scan rejects anything that might exceed this.
constexpr int kMaxNesting = 64;
// Anchors, aliases and similar parse-time problems reported before giving up.
constexpr int kMaxParseErrors = 20;
// Values (scalars, sequences, maps) in one file. Real scenarios have a few
// thousand; the limit keeps a file of 4 million one-character list items from
// costing gigabytes as a tree.
constexpr std::size_t kMaxNodes = 500000;

struct TooManyNodes {};

const char* const kSections[] = {"scenario", "run",      "doctrine", "actors",
                                 "bases",    "theaters", "ties",     "injects"};

// ---------------------------------------------------------------- pre-scan

// The position of byte `offset` of `text`, 1-based.
std::pair<int, int> Position(std::string_view text, std::size_t offset) {
  int line = 1;
  std::size_t line_start = 0;
  for (std::size_t i = 0; i < offset && i < text.size(); ++i) {
    if (text[i] == '\n') {
      ++line;
      line_start = i + 1;
    }
  }
  return {line, static_cast<int>(offset - line_start) + 1};
}

// Length of the UTF-8 sequence starting at text[i], or 0 if it is invalid.
std::size_t Utf8SequenceLength(std::string_view text, std::size_t i) {
  const auto byte = [&](std::size_t k) { return static_cast<unsigned char>(text[k]); };
  const unsigned char lead = byte(i);
  std::size_t length = 0;
  unsigned min_code = 0;
  unsigned code = 0;
  if (lead < 0x80) return 1;
  if ((lead & 0xE0) == 0xC0) {
    length = 2, code = lead & 0x1F, min_code = 0x80;
  } else if ((lead & 0xF0) == 0xE0) {
    length = 3, code = lead & 0x0F, min_code = 0x800;
  } else if ((lead & 0xF8) == 0xF0) {
    length = 4, code = lead & 0x07, min_code = 0x10000;
  } else {
    return 0;
  }
  if (i + length > text.size()) return 0;
  for (std::size_t k = 1; k < length; ++k) {
    if ((byte(i + k) & 0xC0) != 0x80) return 0;
    code = (code << 6) | (byte(i + k) & 0x3F);
  }
  if (code < min_code || code > 0x10FFFF || (code >= 0xD800 && code <= 0xDFFF)) return 0;
  return length;
}

// Binary data (control characters, invalid UTF-8) is reported at its first byte.
bool CheckText(std::string_view text, const std::string& file, Diagnostics* diagnostics) {
  for (std::size_t i = 0; i < text.size();) {
    const unsigned char c = static_cast<unsigned char>(text[i]);
    if ((c < 0x20 && c != '\n' && c != '\r' && c != '\t') || c == 0x7F) {
      const auto [line, column] = Position(text, i);
      diagnostics->Error(file, line, column,
                         fmt::format("binary data: control character 0x{:02X}; a scenario file "
                                     "is YAML text",
                                     c));
      return false;
    }
    const std::size_t length = Utf8SequenceLength(text, i);
    if (length == 0) {
      const auto [line, column] = Position(text, i);
      diagnostics->Error(file, line, column,
                         "binary data: invalid UTF-8; a scenario file is YAML text in UTF-8");
      return false;
    }
    i += length;
  }
  return true;
}

// Estimates the nesting depth of YAML text without parsing it, erring on the
// high side: block nesting counts two levels per indentation step (a key may
// open a map and a sequence) plus one per "- "/"? " indicator, and every
// '[' or '{' outside quotes and comments adds one. Block scalars (| and >) are
// skipped. Returns false (after reporting) if the estimate exceeds the limit.
//
// It also follows quoted scalars across lines: one never closed is reported
// where it opens (yaml-cpp accepts a `"` left open at the end of the file),
// and the quoted strings that run over several lines are kept, so that a
// later syntax error can point at a quote that was probably left open.
struct QuotedSpan {
  int line = 0, column = 0;          // where the quote opens
  int end_line = 0, end_column = 0;  // where it closes
};

class NestingScan {
 public:
  NestingScan(const std::string& file, Diagnostics* diagnostics)
      : file_(file), diagnostics_(diagnostics) {}

  const std::vector<QuotedSpan>& multiline_quotes() const { return spans_; }

  bool Run(std::string_view text) {
    if (!ScanLines(text)) return false;
    if (quote_ != 0) {
      diagnostics_->Error(file_, open_.line, open_.column,
                          fmt::format("unterminated quoted string: the {} opened here is never "
                                      "closed",
                                      quote_));
      return false;
    }
    return true;
  }

 private:
  bool ScanLines(std::string_view text) {
    std::size_t start = 0;
    int line_number = 0;
    while (start <= text.size()) {
      std::size_t end = text.find('\n', start);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(start, end - start);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      ++line_number;
      if (!ScanLine(line, line_number)) return false;
      if (end == text.size()) break;
      start = end + 1;
    }
    return true;
  }

  static std::size_t Indent(std::string_view line) {
    std::size_t n = 0;
    while (n < line.size() && line[n] == ' ') ++n;
    return n;
  }

  bool TooDeep(int depth, int line, std::size_t column) {
    if (depth <= kMaxNesting) return false;
    diagnostics_->Error(file_, line, static_cast<int>(column) + 1,
                        fmt::format("nesting deeper than {} levels: scenario files are "
                                    "shallow, and deeper input could overflow the parser",
                                    kMaxNesting));
    return true;
  }

  bool ScanLine(std::string_view line, int line_number) {
    const std::size_t indent = Indent(line);
    const bool blank = indent == line.size() || line[indent] == '#';
    if (block_scalar_indent_ >= 0) {
      // Content of a block scalar: blank or more indented than its parent line.
      if (blank || static_cast<int>(indent) > block_scalar_indent_) return true;
      block_scalar_indent_ = -1;
    }
    if (blank && quote_ == 0) return true;
    std::size_t i = 0;
    if (quote_ == 0 && flow_ == 0) {
      while (!indents_.empty() && indents_.back() >= indent) indents_.pop_back();
      indents_.push_back(indent);
      i = indent;
      int indicators = 0;
      last_indicator_ = -1;
      while (i < line.size() && (line[i] == '-' || line[i] == '?') &&
             (i + 1 == line.size() || line[i + 1] == ' ' || line[i + 1] == '\t')) {
        ++indicators;
        last_indicator_ = static_cast<int>(i);
        ++i;
        while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      }
      block_depth_ = 2 * static_cast<int>(indents_.size()) + indicators;
      if (TooDeep(block_depth_, line_number, indent)) return false;
      line_indent_ = static_cast<int>(indent);
      node_start_ = i;
    } else {
      last_indicator_ = -1;
      node_start_ = std::string_view::npos;
    }
    return ScanCharacters(line, i, line_number);
  }

  // The indentation a block scalar's content must exceed (YAML 1.2 §8.1):
  // that of its parent collection, the innermost "- " when the header
  // directly follows the indicators ("- - |"), else the map whose key starts
  // the line's node ("- key: |"). Content indented less ends the scalar and
  // is scanned again, so that it cannot hide nesting ("- - |" then "  - [[[").
  int BlockScalarParent(std::size_t header) const {
    if (node_start_ == std::string_view::npos) return line_indent_;
    if (header == node_start_) return last_indicator_ >= 0 ? last_indicator_ : line_indent_ - 1;
    return static_cast<int>(node_start_);
  }

  void OpenQuote(char quote, int line, std::size_t column) {
    quote_ = quote;
    open_ = QuotedSpan{line, static_cast<int>(column) + 1, 0, 0};
  }

  void CloseQuote(int line, std::size_t column) {
    quote_ = 0;
    if (line == open_.line || spans_.size() >= kMaxSpans) return;
    open_.end_line = line;
    open_.end_column = static_cast<int>(column) + 1;
    spans_.push_back(open_);
  }

  bool ScanCharacters(std::string_view line, std::size_t i, int line_number) {
    char last = '\n';          // last significant character on this line; '\n' at its start
    std::size_t code_end = 0;  // just after `last`: a comment after it does not count
    for (; i < line.size(); ++i) {
      const char c = line[i];
      if (quote_ == '\'') {
        if (c == '\'') {
          if (i + 1 < line.size() && line[i + 1] == '\'') {
            ++i;
          } else {
            CloseQuote(line_number, i);
            last = c;
            code_end = i + 1;
          }
        }
        continue;
      }
      if (quote_ == '"') {
        if (c == '\\') {
          ++i;
        } else if (c == '"') {
          CloseQuote(line_number, i);
          last = c;
          code_end = i + 1;
        }
        continue;
      }
      if (c == ' ' || c == '\t') continue;
      if (c == '#' && (i == 0 || line[i - 1] == ' ' || line[i - 1] == '\t')) break;
      if ((c == '\'' || c == '"') && StartsToken(line, i, last)) {
        OpenQuote(c, line_number, i);
        continue;
      }
      if (c == '[' || c == '{') {
        ++flow_;
        if (TooDeep(block_depth_ + flow_, line_number, i)) return false;
      } else if ((c == ']' || c == '}') && flow_ > 0) {
        --flow_;
      }
      last = c;
      code_end = i + 1;
    }
    // A block scalar header ends its line: "key: |", "- >-", "key: |2".
    if (quote_ == 0 && flow_ == 0 &&
        (last == '|' || last == '>' || last == '-' || last == '+' ||
         (last >= '1' && last <= '9'))) {
      const std::string_view code = line.substr(0, code_end);
      const std::size_t header = code.find_last_of("|>");
      if (header != std::string_view::npos &&
          (header == 0 || code[header - 1] == ' ' || code[header - 1] == ':') &&
          code.find_first_not_of("-+123456789 \t", header + 1) == std::string_view::npos) {
        block_scalar_indent_ = BlockScalarParent(header);
      }
    }
    return true;
  }

  // A quote opens a quoted scalar only where a token may start.
  static bool StartsToken(std::string_view line, std::size_t i, char last) {
    if (last == '\n' || last == ',' || last == '[' || last == '{') return true;
    const bool spaced = i > 0 && (line[i - 1] == ' ' || line[i - 1] == '\t');
    return spaced && (last == '-' || last == '?' || last == ':');
  }

  const std::string& file_;
  Diagnostics* diagnostics_;
  std::vector<std::size_t> indents_;
  int block_depth_ = 0;
  int line_indent_ = 0;
  int block_scalar_indent_ = -1;  // content must be indented more; -1: none open
  int last_indicator_ = -1;       // column of the line's last "- " or "? ", or -1
  std::size_t node_start_ = 0;    // column where the line's node starts
  int flow_ = 0;
  char quote_ = 0;
  QuotedSpan open_;  // the quote open now, if quote_ != 0
  static constexpr std::size_t kMaxSpans = 1000;
  std::vector<QuotedSpan> spans_;
};

bool PreScan(std::string_view text, const std::string& file, Diagnostics* diagnostics,
             std::vector<QuotedSpan>* multiline_quotes) {
  if (text.size() > kMaxFileBytes) {
    diagnostics->Error(file, 0, 0,
                       fmt::format("file too large: {} bytes, the limit is 8 MiB", text.size()));
    return false;
  }
  if (!CheckText(text, file, diagnostics)) return false;
  NestingScan scan(file, diagnostics);
  if (!scan.Run(text)) return false;
  *multiline_quotes = scan.multiline_quotes();
  return true;
}

// The quoted string that most probably lost its closing quote when the
// parser fails at (line, column), both 1-based: the last one opened before
// that position that ran over several lines and closed before it (its
// "closing" quote then being the opening quote of a later string).
const QuotedSpan* SuspectQuote(const std::vector<QuotedSpan>& spans, int line, int column) {
  const QuotedSpan* suspect = nullptr;
  for (const QuotedSpan& span : spans) {
    const bool before =
        span.end_line < line || (span.end_line == line && span.end_column <= column);
    if (before) suspect = &span;
  }
  return suspect;
}

// ---------------------------------------------------------------- YAML events

// Builds a ConfigNode tree from yaml-cpp's events with an explicit stack.
class TreeBuilder : public YAML::EventHandler {
 public:
  TreeBuilder(const std::string& file, const std::string& origin, std::string_view text,
              Diagnostics* diagnostics)
      : file_(file), origin_(origin), text_(text), diagnostics_(diagnostics) {}

  ConfigNode TakeRoot() { return std::move(root_); }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    CheckAnchor(mark, anchor);
    Add(Make(ConfigNode::Kind::kNull, mark));
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t) override {
    Report(mark, fmt::format("aliases ({}) are not supported: write the value out in full",
                             AliasAt(mark)));
    Add(Make(ConfigNode::Kind::kNull, mark));
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    CheckAnchor(mark, anchor);
    ConfigNode node = Make(ConfigNode::Kind::kScalar, mark);
    node.scalar = value;
    Add(std::move(node));
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    stack_.push_back(Frame{Make(ConfigNode::Kind::kSequence, mark), {}, false});
  }

  void OnSequenceEnd() override { Close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    CheckAnchor(mark, anchor);
    stack_.push_back(Frame{Make(ConfigNode::Kind::kMap, mark), {}, false});
  }

  void OnMapEnd() override { Close(); }

  void OnAnchor(const YAML::Mark& mark, const std::string& name) override {
    Report(mark, fmt::format("anchors (&{}) are not supported: write the value out in full",
                             name.size() > 40 ? name.substr(0, 40) + "..." : name));
    anchor_reported_ = true;
  }

 private:
  struct Frame {
    ConfigNode node;
    ConfigNode pending_key;
    bool has_key = false;
  };

  ConfigNode Make(ConfigNode::Kind kind, const YAML::Mark& mark) {
    if (++nodes_ > kMaxNodes) throw TooManyNodes{};
    ConfigNode node;
    node.kind = kind;
    if (origin_.empty() && !mark.is_null()) {
      node.line = mark.line + 1;
      node.column = mark.column + 1;
    } else {
      node.origin = origin_;
    }
    return node;
  }

  void Report(const YAML::Mark& mark, const std::string& message) {
    if (++errors_ > kMaxParseErrors) return;
    if (!origin_.empty() || mark.is_null()) {
      diagnostics_->Error(origin_.empty() ? file_ : origin_, 0, 0, message);
    } else {
      diagnostics_->Error(file_, mark.line + 1, mark.column + 1, message);
    }
  }

  // The alias as written ("*base"), read from the text at its mark; yaml-cpp
  // passes only the anchor's number.
  std::string AliasAt(const YAML::Mark& mark) const {
    if (mark.is_null() || mark.pos < 0 || static_cast<std::size_t>(mark.pos) >= text_.size() ||
        text_[static_cast<std::size_t>(mark.pos)] != '*') {
      return "*name";
    }
    const std::size_t start = static_cast<std::size_t>(mark.pos);
    const std::size_t end = text_.find_first_of(" \t\r\n,[]{}", start);
    const std::string_view alias = text_.substr(start, end - start);
    return alias.size() > 41 ? std::string(alias.substr(0, 41)) + "..." : std::string(alias);
  }

  void CheckAnchor(const YAML::Mark& mark, YAML::anchor_t anchor) {
    if (anchor == YAML::NullAnchor) return;
    if (!anchor_reported_) {
      Report(mark, "anchors (&name) are not supported: write the value out in full");
    }
    anchor_reported_ = false;
  }

  void Add(ConfigNode node) {
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    if (top.node.IsSequence()) {
      top.node.items.push_back(std::move(node));
    } else if (!top.has_key) {
      top.pending_key = std::move(node);
      top.has_key = true;
    } else {
      top.node.entries.push_back(ConfigEntry{std::move(top.pending_key), std::move(node)});
      top.has_key = false;
    }
  }

  void Close() {
    ConfigNode node = std::move(stack_.back().node);
    stack_.pop_back();
    Add(std::move(node));
  }

  const std::string& file_;
  const std::string& origin_;  // non-empty when parsing an override's value
  std::string_view text_;      // the text parsed, for messages
  Diagnostics* diagnostics_;
  std::vector<Frame> stack_;
  ConfigNode root_;
  int errors_ = 0;
  std::size_t nodes_ = 0;
  bool anchor_reported_ = false;
};

// Counts documents after the first, to reject multi-document files.
class DocumentCounter : public YAML::EventHandler {
 public:
  void OnDocumentStart(const YAML::Mark& mark) override { start = mark; }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}

  YAML::Mark start;
};

// Parses one YAML document into a tree. With a non-empty `origin` (an
// override's value) nodes carry the origin instead of positions. Returns
// nullopt after reporting if the text is not valid YAML; an empty text gives
// a null node.
std::optional<ConfigNode> ParseYaml(std::string_view raw_text, const std::string& file,
                                    const std::string& origin, Diagnostics* diagnostics) {
  const std::size_t errors_before = diagnostics->size();
  const std::string& where = origin.empty() ? file : origin;
  const std::string lf_text = WithLineFeeds(raw_text);
  const std::string_view text = lf_text;
  std::vector<QuotedSpan> multiline_quotes;
  if (!PreScan(text, where, diagnostics, &multiline_quotes)) return std::nullopt;
  std::istringstream stream{lf_text};
  TreeBuilder builder(file, origin, text, diagnostics);
  auto report = [&](const YAML::Mark& mark, const std::string& message) {
    if (origin.empty() && !mark.is_null()) {
      diagnostics->Error(file, mark.line + 1, mark.column + 1, message);
    } else {
      diagnostics->Error(where, 0, 0, message);
    }
  };
  // A syntax error after a quoted string that ran over lines is reported at
  // that string's opening quote, where the mistake probably is.
  auto report_syntax = [&](const YAML::Mark& mark, const std::string& message) {
    const QuotedSpan* suspect = origin.empty() && !mark.is_null()
                                    ? SuspectQuote(multiline_quotes, mark.line + 1, mark.column + 1)
                                    : nullptr;
    if (suspect == nullptr) return report(mark, "YAML syntax error: " + message);
    diagnostics->Error(
        file, suspect->line, suspect->column,
        fmt::format("YAML syntax error at {}:{} ({}); the quoted string opened here runs on to "
                    "{}:{}: is its closing quote missing?",
                    mark.line + 1, mark.column + 1, message, suspect->end_line,
                    suspect->end_column));
  };
  try {
    YAML::Parser parser(stream);
    const bool has_document = parser.HandleNextDocument(builder);
    DocumentCounter counter;
    if (has_document && parser.HandleNextDocument(counter)) {
      report(counter.start, "more than one YAML document: a scenario is one document");
    }
  } catch (const TooManyNodes&) {
    diagnostics->Error(where, 0, 0,
                       fmt::format("too many values: more than {} in one file", kMaxNodes));
  } catch (const YAML::Exception& e) {
    report_syntax(e.mark, e.msg);
  } catch (const std::exception& e) {
    diagnostics->Error(where, 0, 0, std::string("cannot parse YAML: ") + e.what());
  }
  if (diagnostics->size() > errors_before) return std::nullopt;
  return builder.TakeRoot();
}

// ---------------------------------------------------------------- overrides

// Real paths have at most 5 segments (actors.US.doctrine.deploy_levels.0).
// Without a bound, a path of 60,000 segments created 60,000 nested nodes.
constexpr std::size_t kMaxPathSegments = 16;
// Each node an override creates carries its origin for messages: the origin
// quotes long paths and values in short, so that memory stays linear in the
// override's length rather than quadratic.
constexpr std::size_t kMaxOriginPart = 60;

std::string Shorten(std::string_view text) {
  if (text.size() <= kMaxOriginPart) return std::string(text);
  return fmt::format("{}...({} characters)", text.substr(0, kMaxOriginPart), text.size());
}

bool IsDigits(std::string_view s) {
  return !s.empty() && s.size() <= 9 &&
         std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

std::vector<std::string> SplitPath(std::string_view path) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const std::size_t end = path.find('.', start);
    parts.emplace_back(path.substr(start, end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return parts;
}

std::string DidYouMean(const std::string& word, const std::vector<std::string>& candidates) {
  const std::string nearest = NearestCandidate(word, candidates);
  return nearest.empty() ? std::string() : fmt::format(" (did you mean '{}'?)", nearest);
}

// The ties entry written as from A to B or between A and B, and the names of
// all entries ("A-B") for suggestions.
ConfigNode* FindTie(ConfigNode* ties, std::string_view name, std::vector<std::string>* names) {
  const std::size_t dash = name.find('-');
  const std::string a(name.substr(0, dash));
  const std::string b(dash == std::string_view::npos ? "" : name.substr(dash + 1));
  auto scalar = [](const ConfigNode* n) { return n && n->IsScalar() ? n->scalar : std::string(); };
  for (ConfigNode& entry : ties->items) {
    if (!entry.IsMap()) continue;
    const std::string from = scalar(entry.Find("from"));
    const std::string to = scalar(entry.Find("to"));
    if (!from.empty() && !to.empty()) {
      if (from == a && to == b) return &entry;
      names->push_back(from + "-" + to);
    }
    const ConfigNode* between = entry.Find("between");
    if (between != nullptr && between->IsSequence() && between->items.size() == 2) {
      const std::string x = scalar(&between->items[0]);
      const std::string y = scalar(&between->items[1]);
      if ((x == a && y == b) || (x == b && y == a)) return &entry;
      names->push_back(x + "-" + y);
      names->push_back(y + "-" + x);
    }
  }
  return nullptr;
}

ConfigNode* FindInject(ConfigNode* injects, const std::string& id, std::vector<std::string>* ids) {
  for (ConfigNode& entry : injects->items) {
    const ConfigNode* node = entry.IsMap() ? entry.Find("id") : nullptr;
    if (node == nullptr || !node->IsScalar()) continue;
    if (node->scalar == id) return &entry;
    ids->push_back(node->scalar);
  }
  return nullptr;
}

class OverrideApplier {
 public:
  OverrideApplier(const Override& o, Diagnostics* diagnostics)
      : override_(o),
        origin_(o.origin.empty() ? "--set " + Shorten(o.path) + "=" + Shorten(o.value)
                                 : Shorten(o.origin)),
        diagnostics_(diagnostics) {}

  void Apply(ConfigNode* root) {
    const std::size_t errors_before = diagnostics_->size();
    std::optional<ConfigNode> value = ParseYaml(override_.value, origin_, origin_, diagnostics_);
    if (value && (value->IsMap() || value->IsSequence())) {
      Error(fmt::format("the value must be a single scalar, got {}", KindName(value->kind)));
    }
    if (diagnostics_->size() > errors_before || !value) return;
    value->origin = origin_;
    ConfigNode* target = Navigate(root);
    if (target != nullptr) *target = std::move(*value);
  }

  // The node the override set, once every override is applied (so that no
  // later one moves it); nullptr if it was not applied.
  ConfigNode* Locate(ConfigNode* root) { return Navigate(root); }

 private:
  void Error(const std::string& message) { diagnostics_->Error(origin_, 0, 0, message); }

  ConfigNode* Navigate(ConfigNode* root) {
    if (std::count(override_.path.begin(), override_.path.end(), '.') >=
        static_cast<std::ptrdiff_t>(kMaxPathSegments)) {
      Error(fmt::format("path {} has more than {} segments: no scenario value lies that deep",
                        Quote(override_.path), kMaxPathSegments));
      return nullptr;
    }
    const std::vector<std::string> segments = SplitPath(override_.path);
    ConfigNode* current = root;
    std::string walked;
    for (std::size_t i = 0; i < segments.size(); ++i) {
      const std::string& segment = segments[i];
      const bool last = i + 1 == segments.size();
      if (segment.empty()) {
        Error(fmt::format("empty segment in path {}", Quote(override_.path)));
        return nullptr;
      }
      if (current->IsNull()) current->kind = ConfigNode::Kind::kMap;  // an empty section
      if (current->IsMap()) {
        current = Child(current, walked, segment, last);
      } else if (current->IsSequence()) {
        current = Element(current, walked, segment);
      } else {
        Error(fmt::format("'{}' is a value, not a section: cannot select '{}' in it", walked,
                          segment));
        return nullptr;
      }
      if (current == nullptr) return nullptr;
      walked = walked.empty() ? segment : walked + "." + segment;
    }
    return current;
  }

  // The value of `key` in a map; created (as an empty node) if absent, unless
  // it names an entity that does not exist or a section that cannot exist.
  ConfigNode* Child(ConfigNode* map, const std::string& walked, const std::string& key, bool last) {
    if (ConfigNode* child = map->Find(key)) return child;
    std::vector<std::string> keys;
    for (const ConfigEntry& entry : map->entries) {
      if (entry.key.IsScalar()) keys.push_back(entry.key.scalar);
    }
    if (walked.empty()) {
      const std::vector<std::string> sections(std::begin(kSections), std::end(kSections));
      if (std::find(sections.begin(), sections.end(), key) == sections.end()) {
        Error(fmt::format("no section '{}'{}", key, DidYouMean(key, sections)));
        return nullptr;
      }
    }
    const char* entity = walked == "actors"     ? "actor"
                         : walked == "theaters" ? "theater"
                         : walked == "bases"    ? "base"
                                                : nullptr;
    if (entity != nullptr && !last) {
      Error(fmt::format("no {} '{}'{}", entity, key, DidYouMean(key, keys)));
      return nullptr;
    }
    ConfigEntry entry;
    entry.key.kind = ConfigNode::Kind::kScalar;
    entry.key.scalar = key;
    entry.key.origin = origin_;
    entry.value.origin = origin_;
    map->entries.push_back(std::move(entry));
    return &map->entries.back().value;
  }

  ConfigNode* Element(ConfigNode* sequence, const std::string& walked, const std::string& segment) {
    if (IsDigits(segment)) {
      const std::size_t index = std::stoul(segment);
      if (index >= sequence->items.size()) {
        Error(fmt::format("'{}' has {} elements: index {} is out of range", walked,
                          sequence->items.size(), index));
        return nullptr;
      }
      return &sequence->items[index];
    }
    std::vector<std::string> names;
    if (walked == "ties") {
      if (ConfigNode* tie = FindTie(sequence, segment, &names)) return tie;
      Error(fmt::format("no tie '{}' in ties (write ties.FROM-TO){}", segment,
                        DidYouMean(segment, names)));
      return nullptr;
    }
    if (walked == "injects") {
      if (ConfigNode* inject = FindInject(sequence, segment, &names)) return inject;
      Error(fmt::format("no inject with id '{}'{}", segment, DidYouMean(segment, names)));
      return nullptr;
    }
    Error(
        fmt::format("'{}' is a list: select an element by its number, got '{}'", walked, segment));
    return nullptr;
  }

  const Override& override_;
  std::string origin_;
  Diagnostics* diagnostics_;
};

}  // namespace

std::optional<ConfigNode> ParseConfigYaml(std::string_view text, const std::string& file,
                                          Diagnostics* diagnostics) {
  return ParseYaml(text, file, "", diagnostics);
}

// ---------------------------------------------------------------- public API

std::optional<Override> ParseOverride(std::string_view text, std::string* error) {
  const std::size_t equals = text.find('=');
  if (equals == std::string_view::npos) {
    if (error) *error = fmt::format("expected PATH=VALUE, got '{}'", text);
    return std::nullopt;
  }
  std::string_view path = text.substr(0, equals);
  while (!path.empty() && (path.front() == ' ' || path.front() == '\t')) path.remove_prefix(1);
  while (!path.empty() && (path.back() == ' ' || path.back() == '\t')) path.remove_suffix(1);
  if (path.empty()) {
    if (error) *error = fmt::format("empty path in '{}': expected PATH=VALUE", text);
    return std::nullopt;
  }
  return Override{std::string(path), std::string(text.substr(equals + 1))};
}

struct ScenarioSource::Impl {
  std::string display_name;
  ConfigNode root;
  std::vector<Diagnostic> parse_diagnostics;
};

ScenarioSource::ScenarioSource() : impl_(std::make_unique<Impl>()) {}
ScenarioSource::ScenarioSource(ScenarioSource&&) noexcept = default;
ScenarioSource& ScenarioSource::operator=(ScenarioSource&&) noexcept = default;
ScenarioSource::~ScenarioSource() = default;

ScenarioSource ScenarioSource::FromText(std::string_view text, std::string display_name) {
  ScenarioSource source;
  source.impl_->display_name = std::move(display_name);
  const std::string& file = source.impl_->display_name;
  Diagnostics diagnostics;
  std::optional<ConfigNode> root = ParseYaml(text, file, "", &diagnostics);
  if (root) {
    if (root->IsNull() && root->line == 0) {
      // No document at all: empty, blank or only comments.
      diagnostics.Error(file, 0, 0, "empty file: expected a scenario (a map of sections)");
    }
    source.impl_->root = std::move(*root);
  }
  source.impl_->parse_diagnostics = diagnostics.Sorted();
  return source;
}

ScenarioSource ScenarioSource::FromFile(const std::string& path) {
  std::error_code ec;
  auto fail = [&](const std::string& message) {
    ScenarioSource source;
    source.impl_->display_name = path;
    source.impl_->parse_diagnostics.push_back(Diagnostic{path, 0, 0, message});
    return source;
  };
  if (std::filesystem::is_directory(path, ec)) return fail("cannot read: it is a directory");
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(fmt::format("cannot open file: {}", std::strerror(errno)));
  std::string text;
  if (!ReadBounded(in, kMaxFileBytes, &text)) return fail("cannot read file");
  if (text.size() > kMaxFileBytes) {
    const auto size = std::filesystem::file_size(path, ec);
    return fail(ec ? std::string("file too large: the limit is 8 MiB")
                   : fmt::format("file too large: {} bytes, the limit is 8 MiB", size));
  }
  return FromText(text, path);
}

const std::vector<Diagnostic>& ScenarioSource::parse_diagnostics() const {
  return impl_->parse_diagnostics;
}

const std::string& ScenarioSource::display_name() const { return impl_->display_name; }

namespace {

// Applies `overrides` to a copy of `parsed`, builds it and, with `traced`,
// keeps the reads of each override's value.
LoadResult BuildWithOverrides(const ConfigNode& parsed, const std::string& file,
                              std::span<const Override> overrides, const ModelRegistry& registry,
                              std::vector<std::vector<NodeRead>>* traced) {
  LoadResult result;
  Diagnostics diagnostics;
  ConfigNode root = parsed;  // a deep copy: the source stays as parsed
  // A file that is not a map is reported as such (BuildScenario); an
  // override cannot select anything in it and would only blame itself.
  if (root.IsMap()) {
    for (const Override& o : overrides) OverrideApplier(o, &diagnostics).Apply(&root);
  }
  std::vector<const ConfigNode*> nodes;
  std::vector<NodeRead> log;
  if (traced != nullptr && diagnostics.empty() && root.IsMap()) {
    Diagnostics ignored;
    for (const Override& o : overrides) nodes.push_back(OverrideApplier(o, &ignored).Locate(&root));
  }
  std::optional<Scenario> scenario;
  try {
    scenario = BuildScenario(root, file, registry, &diagnostics, traced ? &log : nullptr);
  } catch (const std::bad_alloc&) {
    diagnostics.Error(file, 0, 0, "out of memory while building the scenario");
  }
  if (diagnostics.empty()) {
    result.scenario = std::move(scenario);
  }
  result.diagnostics = diagnostics.Sorted();
  if (traced != nullptr) {
    traced->assign(overrides.size(), {});
    for (std::size_t i = 0; i < nodes.size(); ++i) {
      for (NodeRead read : log) {
        if (read.node != nodes[i]) continue;
        read.node = nullptr;
        (*traced)[i].push_back(read);
      }
    }
  }
  return result;
}

}  // namespace

LoadResult ScenarioSource::Build(std::span<const Override> overrides,
                                 const ModelRegistry& registry) const {
  if (!impl_->parse_diagnostics.empty()) {
    LoadResult result;
    result.diagnostics = impl_->parse_diagnostics;
    return result;
  }
  return BuildWithOverrides(impl_->root, impl_->display_name, overrides, registry, nullptr);
}

ScenarioSource::TracedBuild ScenarioSource::BuildTraced(std::span<const Override> overrides,
                                                        const ModelRegistry& registry) const {
  TracedBuild traced;
  if (!impl_->parse_diagnostics.empty()) {
    traced.result.diagnostics = impl_->parse_diagnostics;
    traced.reads.assign(overrides.size(), {});
    return traced;
  }
  traced.result =
      BuildWithOverrides(impl_->root, impl_->display_name, overrides, registry, &traced.reads);
  return traced;
}

ScenarioSource::EffectResult ScenarioSource::ParseEffect(std::string_view effect_yaml,
                                                         std::span<const Override> overrides,
                                                         const ModelRegistry& registry) const {
  static const std::string kOrigin = "inject";
  static const std::string kId = "facilitator";
  EffectResult result;
  if (!impl_->parse_diagnostics.empty()) {
    result.diagnostics = impl_->parse_diagnostics;
    return result;
  }
  Diagnostics diagnostics;
  std::optional<ConfigNode> effect = ParseYaml(effect_yaml, kOrigin, kOrigin, &diagnostics);
  if (!effect || !diagnostics.empty()) {
    result.diagnostics = diagnostics.Sorted();
    return result;
  }
  auto scalar = [](const std::string& text) {
    ConfigNode node;
    node.kind = ConfigNode::Kind::kScalar;
    node.scalar = text;
    node.origin = kOrigin;
    return node;
  };
  // The scenario with its own injects replaced by this one effect at turn 1:
  // validated like the file, and nothing else of the file can conflict with it.
  ConfigNode inject;
  inject.kind = ConfigNode::Kind::kMap;
  inject.origin = kOrigin;
  ConfigNode effects;
  effects.kind = ConfigNode::Kind::kSequence;
  effects.origin = kOrigin;
  effects.items.push_back(std::move(*effect));
  inject.entries.push_back(ConfigEntry{scalar("id"), scalar(kId)});
  inject.entries.push_back(ConfigEntry{scalar("turn"), scalar("1")});
  inject.entries.push_back(ConfigEntry{scalar("effects"), std::move(effects)});
  ConfigNode injects;
  injects.kind = ConfigNode::Kind::kSequence;
  injects.origin = kOrigin;
  injects.items.push_back(std::move(inject));

  ConfigNode root = impl_->root;
  for (const Override& o : overrides) OverrideApplier(o, &diagnostics).Apply(&root);
  if (root.IsMap()) {
    if (ConfigNode* existing = root.Find("injects")) {
      *existing = std::move(injects);
    } else {
      root.entries.push_back(ConfigEntry{scalar("injects"), std::move(injects)});
    }
  }
  std::optional<Scenario> scenario;
  try {
    scenario = BuildScenario(root, impl_->display_name, registry, &diagnostics);
  } catch (const std::bad_alloc&) {
    diagnostics.Error(kOrigin, 0, 0, "out of memory while reading the effect");
  }
  if (diagnostics.empty() && scenario && scenario->injects.size() == 1) {
    result.inject = std::move(scenario->injects.front());
    return result;
  }
  const std::string prefix = "injects." + kId + ".effects.0";
  for (Diagnostic d : diagnostics.Sorted()) {
    for (std::size_t at = d.message.find(prefix); at != std::string::npos;
         at = d.message.find(prefix, at)) {
      d.message.replace(at, prefix.size(), "effect");
    }
    result.diagnostics.push_back(std::move(d));
  }
  if (result.diagnostics.empty()) result.diagnostics.push_back({kOrigin, 0, 0, "no effect read"});
  return result;
}

LoadResult LoadScenarioFile(const std::string& path, std::span<const Override> overrides,
                            const ModelRegistry& registry) {
  return ScenarioSource::FromFile(path).Build(overrides, registry);
}

std::string WithLineFeeds(std::string_view text) {
  std::string out(text);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\r' && (i + 1 == out.size() || out[i + 1] != '\n')) out[i] = '\n';
  }
  return out;
}

}  // namespace overstretch
