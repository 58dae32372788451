// Charts of the report (report_page.h): inline SVG, one turn per slot on
// the x axis from 0.5 to turns + 0.5, so that a bar sits on its turn and a
// facilitator's action after turn T sits between T and T + 1. The viewBox is
// about a phone's width, so that the 13-unit tick labels stay above 11 px
// on a 390 px screen, and the SVG scales down to its box (CSS max-width).
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

#include "tools/classroom/report_page.h"

namespace overstretch::cli::report {
namespace {

// Round numbers for axes: 1, 2, 2.5, 5 times a power of ten.
double NiceCeiling(double x) {
  if (!(x > 0.0) || !std::isfinite(x)) return 1.0;
  const double p = std::pow(10.0, std::floor(std::log10(x)));
  for (double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    if (m * p >= x * (1 - 1e-12)) return m * p;
  }
  return 10.0 * p;
}

std::string TickText(double v) {
  if (v == std::floor(v) && std::fabs(v) < 1e9) return fmt::format("{}", static_cast<long long>(v));
  return fmt::format("{:.3g}", v);
}

struct Frame {
  double width = 380, height = 210;
  double left = 44, right = 10, top = 10, bottom = 34;
  int turns = 1;
  Axis y;
  double Px(double turn) const {
    return left + (turn - 0.5) / std::max(turns, 1) * (width - left - right);
  }
  double Py(double v) const {
    double t = 0.0;
    if (y.log) {
      const double lo = std::log10(y.min), hi = std::log10(y.max);
      t = (std::log10(std::max(v, y.min)) - lo) / (hi - lo);
    } else {
      t = (std::clamp(v, y.min, y.max) - y.min) / (y.max - y.min);
    }
    return height - bottom - t * (height - top - bottom);
  }
};

// Every turn when they fit (about 30 px each), else every 2nd, 5th, 10th...
std::vector<int> TurnTicks(int turns) {
  const int step = std::max(1, static_cast<int>(NiceCeiling(turns / 10.0)));
  std::vector<int> ticks;
  if (step > 1) ticks.push_back(1);
  for (int t = step; t <= turns; t += step) ticks.push_back(t);
  return ticks;
}

std::string OpenSvg(const Frame& f, const std::string& label) {
  std::string s = fmt::format(
      "<svg class=\"chart\" viewBox=\"0 0 {0} {1}\" width=\"{0}\" height=\"{1}\" "
      "role=\"img\" aria-label=\"{2}\" xmlns=\"http://www.w3.org/2000/svg\">",
      f.width, f.height, E(label));
  for (const auto& [v, text] : f.y.ticks) {
    const double y = f.Py(v);
    s += fmt::format(
        "<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" class=\"grid\"/>"
        "<text x=\"{:.1f}\" y=\"{:.1f}\" class=\"tick\" text-anchor=\"end\">{}</text>",
        f.left, y, f.width - f.right, y, f.left - 4, y + 4.5, E(text));
  }
  const double base = f.height - f.bottom;
  for (int t : TurnTicks(f.turns)) {
    s += fmt::format(
        "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{0:.1f}\" y2=\"{2:.1f}\" class=\"axis\"/>"
        "<text x=\"{0:.1f}\" y=\"{3:.1f}\" class=\"tick\" text-anchor=\"middle\">{4}</text>",
        f.Px(t), base, base + 4, base + 17, t);
  }
  s += fmt::format(
      "<line x1=\"{0:.1f}\" y1=\"{1:.1f}\" x2=\"{2:.1f}\" y2=\"{1:.1f}\" class=\"axis\"/>"
      "<text x=\"{3:.1f}\" y=\"{4:.1f}\" class=\"tick\" text-anchor=\"middle\">turn</text>",
      f.left, base, f.width - f.right, (f.left + f.width - f.right) / 2, f.height - 2);
  return s;
}

// Dashed lines between turns, their codes stacked at the top when several
// actions share a gap (so that labels never overlap).
std::string DrawMarkers(const Frame& f, const std::vector<Marker>& markers) {
  std::string s;
  std::map<int, int> stacked;
  for (const Marker& m : markers) {
    const double x = f.Px(std::clamp(m.after_turn, 0, f.turns) + 0.5);
    const int level = stacked[m.after_turn]++;
    s += fmt::format(
        "<g class=\"marker {0}\"><title>{1}</title>"
        "<line x1=\"{2:.1f}\" y1=\"{3:.1f}\" x2=\"{2:.1f}\" y2=\"{4:.1f}\"/>"
        "<text x=\"{2:.1f}\" y=\"{5:.1f}\" text-anchor=\"middle\">{6}</text></g>",
        E(m.kind), E(m.title), x, f.top, f.height - f.bottom, f.top + 11 + 13.0 * level, E(m.code));
  }
  return s;
}

std::string Path(const Frame& f, const Series& ser) {
  std::string path;
  bool pen = false;
  for (std::size_t i = 0; i < ser.y.size(); ++i) {
    if (!std::isfinite(ser.y[i])) {
      pen = false;
      continue;
    }
    const double px = f.Px(static_cast<double>(i + 1)), py = f.Py(ser.y[i]);
    if (!pen) {
      path += fmt::format("M{:.1f},{:.1f}", px, py);
    } else if (ser.step) {
      path += fmt::format("H{:.1f}V{:.1f}", px, py);
    } else {
      path += fmt::format("L{:.1f},{:.1f}", px, py);
    }
    pen = true;
  }
  return path;
}

}  // namespace

Axis ValueAxis(double max_value) {
  Axis a;
  a.max = NiceCeiling(max_value);
  for (int i = 0; i <= 4; ++i) {
    const double v = a.max * i / 4.0;
    a.ticks.push_back({v, TickText(v)});
  }
  return a;
}

Axis LogAxis(double min_value, double max_value) {
  Axis a;
  a.log = true;
  const double lo = std::floor(std::log10(std::max(min_value, 1e-3)));
  const double hi = std::max(lo + 1, std::ceil(std::log10(std::max(max_value, 1e-3))));
  a.min = std::pow(10.0, lo);
  a.max = std::pow(10.0, hi);
  for (double e = lo; e <= hi; ++e)
    a.ticks.push_back({std::pow(10.0, e), TickText(std::pow(10.0, e))});
  return a;
}

Axis UnitAxis() {
  Axis a;
  for (int i = 0; i <= 4; ++i) a.ticks.push_back({i / 4.0, TickText(i / 4.0)});
  return a;
}

Axis EscalationAxis() {
  Axis a;
  a.max = 5;
  for (int i = 0; i <= 5; ++i) a.ticks.push_back({static_cast<double>(i), fmt::format("{}", i)});
  return a;
}

std::string LineChart(const std::string& label, int turns, const Axis& y,
                      const std::vector<Series>& series, const std::vector<Marker>& markers) {
  Frame f;
  f.turns = std::max(turns, 1);
  f.y = y;
  std::string s = OpenSvg(f, label) + DrawMarkers(f, markers);
  for (const Series& ser : series) {
    const std::string path = Path(f, ser);
    if (path.empty()) continue;
    s += fmt::format(
        "<path d=\"{}\" fill=\"none\" stroke=\"{}\" stroke-width=\"2\"{}><title>{}</title></path>",
        path, ser.color, ser.dashed ? " stroke-dasharray=\"5 3\"" : "", E(ser.name));
    if (ser.y.size() > 40) continue;
    for (std::size_t i = 0; i < ser.y.size(); ++i) {
      if (!std::isfinite(ser.y[i])) continue;
      s += fmt::format("<circle cx=\"{:.1f}\" cy=\"{:.1f}\" r=\"2.6\" fill=\"{}\"/>",
                       f.Px(static_cast<double>(i + 1)), f.Py(ser.y[i]), ser.color);
    }
  }
  return s + "</svg>";
}

std::string StackedBars(const std::string& label, int turns, const std::vector<Series>& stacks,
                        const std::vector<Marker>& markers) {
  double top = 0.0;
  for (int t = 0; t < turns; ++t) {
    double sum = 0.0;
    for (const Series& s : stacks) {
      if (static_cast<std::size_t>(t) < s.y.size() && std::isfinite(s.y[t])) sum += s.y[t];
    }
    top = std::max(top, sum);
  }
  Frame f;
  f.turns = std::max(turns, 1);
  f.y = ValueAxis(top);
  std::string s = OpenSvg(f, label) + DrawMarkers(f, markers);
  const double bar = std::max(1.0, 0.7 * (f.Px(1.5) - f.Px(0.5)));
  for (int t = 0; t < turns; ++t) {
    double base = 0.0;
    for (const Series& ser : stacks) {
      const double v = static_cast<std::size_t>(t) < ser.y.size() ? ser.y[t] : 0.0;
      if (!(v > 0.0)) continue;
      const double y0 = f.Py(base), y1 = f.Py(base + v);
      s += fmt::format(
          "<rect x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\" fill=\"{}\">"
          "<title>turn {}: {} {}</title></rect>",
          f.Px(t + 1) - bar / 2, y1, bar, std::max(0.0, y0 - y1), ser.color, t + 1, E(ser.name),
          Fix(v));
      base += v;
    }
  }
  return s + "</svg>";
}

std::string Legend(const std::vector<Series>& series) {
  std::string s = "<div class=\"legend\">";
  for (const Series& ser : series) {
    s += fmt::format("<span><i style=\"background:{}\"{}></i>{}</span>", ser.color,
                     ser.dashed ? " class=\"dash\"" : "", E(ser.name));
  }
  return s + "</div>";
}

std::string Figure(const std::string& title, const std::string& svg, const std::string& legend,
                   const std::string& caption) {
  return fmt::format("<figure><figcaption><b>{}</b>{}</figcaption>{}{}</figure>", E(title),
                     caption.empty() ? "" : " &middot; " + E(caption), svg, legend);
}

std::string ActorColor(std::size_t index) {
  // Vermillion and orange-red come last: they are the challengers' and
  // low trust's colours elsewhere.
  static constexpr const char* kPalette[] = {"#0072B2", "#E69F00", "#009E73", "#56B4E9",
                                             "#000000", "#882255", "#44AA99", "#999933",
                                             "#AA4499", "#CC79A7", "#B8A000", "#D55E00"};
  return kPalette[index % std::size(kPalette)];
}

std::string TrustColor(double trust) {
  // Orange #E66100 at 0, grey #8C8C8C at 0.5, blue #0072B2 at 1.
  const double t = std::clamp(trust, 0.0, 1.0);
  const double lo[3] = {0xE6, 0x61, 0x00}, mid[3] = {0x8C, 0x8C, 0x8C}, hi[3] = {0x00, 0x72, 0xB2};
  int rgb[3];
  for (int c = 0; c < 3; ++c) {
    const double v =
        t < 0.5 ? lo[c] + (mid[c] - lo[c]) * t * 2 : mid[c] + (hi[c] - mid[c]) * (t - 0.5) * 2;
    rgb[c] = static_cast<int>(std::lround(v));
  }
  return fmt::format("#{:02X}{:02X}{:02X}", rgb[0], rgb[1], rgb[2]);
}

}  // namespace overstretch::cli::report
