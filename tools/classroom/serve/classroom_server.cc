#include "tools/classroom/serve/classroom_server.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/beast/websocket.hpp>
#include <deque>
#include <exception>
#include <vector>

#include "tools/classroom/serve/page_assets.h"
#include "tools/classroom/serve/protocol.h"

namespace overstretch::serve {

namespace beast = boost::beast;
namespace http = beast::http;
namespace websocket = beast::websocket;
namespace net = boost::asio;
using tcp = net::ip::tcp;

namespace {

constexpr std::size_t kMaxHeaderBytes = 8 * 1024;
// Messages waiting for one slow socket; more, and it is dropped (it
// reconnects and gets the whole view again).
constexpr std::size_t kMaxQueued = 64;

// "code" from "/path?a=b&code=XYZ"; the path goes to *path.
std::string CodeOf(std::string_view target, std::string* path) {
  const std::size_t q = target.find('?');
  *path = std::string(target.substr(0, q));
  if (q == std::string_view::npos) return "";
  std::string_view query = target.substr(q + 1);
  while (!query.empty()) {
    const std::size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (pair.substr(0, 5) == "code=") return std::string(pair.substr(5));
    query = amp == std::string_view::npos ? std::string_view() : query.substr(amp + 1);
  }
  return "";
}

}  // namespace

class WsSession;

class ClassroomServer::Impl {
 public:
  Impl(GameRoom& room, const AccessCodes& codes, ServerOptions options)
      : room_(room), codes_(codes), options_(std::move(options)), acceptor_(ioc_), timer_(ioc_) {}

  net::io_context ioc_{1};
  GameRoom& room_;
  const AccessCodes& codes_;
  ServerOptions options_;
  tcp::acceptor acceptor_;
  net::steady_timer timer_;
  Turn timer_turn_ = -1;
  std::vector<std::weak_ptr<WsSession>> sockets_;

  void Accept();
  void Register(const std::shared_ptr<WsSession>& s) { sockets_.push_back(s); }
  void Handle(WsSession& from, const std::string& text);
  std::string Dispatch(const Viewer& viewer, const ClientMessage& m, std::string* notice);
  // After every change: the turn clock, then every socket's view.
  void Changed();
  void Broadcast();
  void ArmTimer();
};

// One WebSocket: reads messages, writes a queue of outgoing ones.
class WsSession : public std::enable_shared_from_this<WsSession> {
 public:
  WsSession(tcp::socket&& socket, Viewer viewer, ClassroomServer::Impl& server)
      : ws_(std::move(socket)), viewer_(viewer), server_(server) {}

  const Viewer& viewer() const { return viewer_; }

  void Accept(http::request<http::string_body> request) {
    ws_.set_option(websocket::stream_base::timeout::suggested(beast::role_type::server));
    ws_.read_message_max(kMaxMessageBytes);
    ws_.async_accept(request, [self = shared_from_this()](beast::error_code ec) {
      if (ec) return;
      self->server_.Register(self);
      self->Send(self->server_.room_.ViewFor(self->viewer_).dump(), true);
      self->Read();
    });
  }

  // `state`: a full view, which makes any older unsent view redundant.
  void Send(std::string text, bool state) {
    if (closed_) return;
    if (state && queue_.size() >= 2 && queue_.back().second) {
      queue_.back().first = std::move(text);
      return;
    }
    if (queue_.size() >= kMaxQueued) {
      closed_ = true;
      beast::get_lowest_layer(ws_).close();
      return;
    }
    queue_.emplace_back(std::move(text), state);
    if (queue_.size() == 1) Write();
  }

 private:
  void Read() {
    ws_.async_read(buffer_, [self = shared_from_this()](beast::error_code ec, std::size_t) {
      if (ec) {
        self->closed_ = true;
        return;
      }
      if (!self->ws_.got_text()) {
        self->Send(Json{{"type", "error"}, {"message", "text messages only"}}.dump(), false);
      } else {
        self->server_.Handle(*self, beast::buffers_to_string(self->buffer_.data()));
      }
      self->buffer_.consume(self->buffer_.size());
      self->Read();
    });
  }

  void Write() {
    ws_.text(true);
    ws_.async_write(net::buffer(queue_.front().first),
                    [self = shared_from_this()](beast::error_code ec, std::size_t) {
                      if (ec) {
                        self->closed_ = true;
                        return;
                      }
                      self->queue_.pop_front();
                      if (!self->queue_.empty()) self->Write();
                    });
  }

  websocket::stream<beast::tcp_stream> ws_;
  Viewer viewer_;
  ClassroomServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::deque<std::pair<std::string, bool>> queue_;
  bool closed_ = false;
};

// One HTTP request: a page, a 403, or the upgrade to a WebSocket.
class HttpSession : public std::enable_shared_from_this<HttpSession> {
 public:
  HttpSession(tcp::socket&& socket, ClassroomServer::Impl& server)
      : stream_(std::move(socket)), server_(server) {}

  void Start() {
    parser_.emplace();
    parser_->header_limit(kMaxHeaderBytes);
    parser_->body_limit(kMaxMessageBytes);
    stream_.expires_after(std::chrono::seconds(30));
    http::async_read(stream_, buffer_, *parser_,
                     [self = shared_from_this()](beast::error_code ec, std::size_t) {
                       if (ec) {
                         if (ec != http::error::end_of_stream) {
                           self->Reply(http::status::bad_request, "text/plain", "bad request\n");
                         }
                         return;
                       }
                       self->Route();
                     });
  }

 private:
  void Route() {
    http::request<http::string_body> request = parser_->release();
    std::string path;
    const std::string code =
        CodeOf(std::string_view(request.target().data(), request.target().size()), &path);
    const std::optional<Viewer> viewer = server_.codes_.Admit(code);
    if (websocket::is_upgrade(request)) {
      if (path != "/ws" || !viewer) {
        Reply(http::status::forbidden, "text/plain", "403: a valid join code is required\n");
        return;
      }
      stream_.expires_never();
      std::make_shared<WsSession>(stream_.release_socket(), *viewer, server_)
          ->Accept(std::move(request));
      return;
    }
    if (request.method() != http::verb::get && request.method() != http::verb::head) {
      Reply(http::status::method_not_allowed, "text/plain", "405: GET only\n");
    } else if (path == "/") {
      Reply(http::status::ok, "text/html; charset=utf-8", std::string(JoinPage()));
    } else if (path == "/play" || path == "/ws") {
      if (!viewer) {
        Reply(http::status::forbidden, "text/plain", "403: a valid join code is required\n");
      } else if (path == "/ws") {
        Reply(http::status::bad_request, "text/plain", "400: WebSocket only\n");
      } else {
        Reply(http::status::ok, "text/html; charset=utf-8", std::string(GamePage()));
      }
    } else {
      Reply(http::status::not_found, "text/plain", "404: not found\n");
    }
  }

  void Reply(http::status status, const char* type, std::string body) {
    auto response = std::make_shared<http::response<http::string_body>>(status, 11);
    response->set(http::field::server, "overstretch");
    response->set(http::field::content_type, type);
    response->set(http::field::cache_control, "no-store");
    response->set("Referrer-Policy", "no-referrer");
    response->set("X-Content-Type-Options", "nosniff");
    response->set("Content-Security-Policy",
                  "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                  "connect-src 'self'; form-action 'self'");
    response->keep_alive(false);
    response->body() = std::move(body);
    response->prepare_payload();
    http::async_write(stream_, *response,
                      [self = shared_from_this(), response](beast::error_code, std::size_t) {
                        beast::error_code ignored;
                        self->stream_.socket().shutdown(tcp::socket::shutdown_send, ignored);
                      });
  }

  beast::tcp_stream stream_;
  ClassroomServer::Impl& server_;
  beast::flat_buffer buffer_;
  std::optional<http::request_parser<http::string_body>> parser_;
};

void ClassroomServer::Impl::Accept() {
  acceptor_.async_accept(ioc_, [this](beast::error_code ec, tcp::socket socket) {
    if (ec == net::error::operation_aborted) return;
    if (!ec) std::make_shared<HttpSession>(std::move(socket), *this)->Start();
    Accept();
  });
}

void ClassroomServer::Impl::Handle(WsSession& from, const std::string& text) {
  std::string error, notice;
  try {
    const std::optional<ClientMessage> m = ParseClientMessage(text, &error);
    if (m && !MaySend(from.viewer(), m->kind)) {
      error = "that message is not for your role";
    } else if (m) {
      error = Dispatch(from.viewer(), *m, &notice);
    }
  } catch (const std::exception& e) {
    // Never take the class down: refuse the message and carry on.
    error = std::string("internal error: ") + e.what();
  }
  if (!error.empty()) {
    from.Send(Json{{"type", "error"}, {"message", error}}.dump(), false);
    return;
  }
  if (!notice.empty()) from.Send(Json{{"type", "notice"}, {"message", notice}}.dump(), false);
  Changed();
}

std::string ClassroomServer::Impl::Dispatch(const Viewer& viewer, const ClientMessage& m,
                                            std::string* notice) {
  using K = ClientMessage::Kind;
  switch (m.kind) {
    case K::kOrder:
      return room_.SetOrder(viewer.team, m.theater, m.option);
    case K::kReady:
      return room_.SetReady(viewer.team, m.ready);
    case K::kCloseTurn: {
      std::string error = room_.CloseTurn(false);
      if (error.empty() && options_.save) *notice = options_.save(room_);
      return error;
    }
    case K::kInject:
      return room_.Inject(m.effect, m.headline);
    case K::kOverride:
      return room_.Override(m.theater, m.field, m.value, m.reason);
    case K::kUndo:
      return room_.Undo();
    case K::kSave:
      *notice = options_.save ? options_.save(room_) : "this game is not saved";
      return "";
    case K::kMessage:
      return room_.SendMessage(
          viewer.role == Role::kTeam ? std::optional<ActorIndex>(viewer.team) : std::nullopt, m.to,
          m.text);
    case K::kPropose:
      return room_.Propose(viewer.team, m.to, m.tie, m.direction, m.tie_value, m.announce, m.text);
    case K::kAnswer:
      return room_.Answer(viewer.team, m.proposal, m.reply);
  }
  return "unknown message";
}

void ClassroomServer::Impl::ArmTimer() {
  timer_turn_ = room_.open_turn();
  timer_.cancel();
  if (!options_.turn_minutes || timer_turn_ == 0) {
    room_.set_deadline(std::nullopt);
    return;
  }
  const auto span = std::chrono::duration_cast<std::chrono::steady_clock::duration>(
      std::chrono::duration<double, std::ratio<60>>(*options_.turn_minutes));
  const auto deadline = std::chrono::steady_clock::now() + span;
  room_.set_deadline(deadline);
  timer_.expires_at(deadline);
  const Turn turn = timer_turn_;
  timer_.async_wait([this, turn](beast::error_code ec) {
    if (ec || room_.open_turn() != turn) return;
    std::string notice;
    if (room_.CloseTurn(true).empty() && options_.save) notice = options_.save(room_);
    Changed();
    if (!notice.empty()) {
      for (auto& w : sockets_) {
        if (auto s = w.lock(); s && s->viewer().role == Role::kFacilitator) {
          s->Send(Json{{"type", "notice"}, {"message", notice}}.dump(), false);
        }
      }
    }
  });
}

void ClassroomServer::Impl::Changed() {
  if (room_.open_turn() != timer_turn_) ArmTimer();
  Broadcast();
}

void ClassroomServer::Impl::Broadcast() {
  std::erase_if(sockets_, [](const std::weak_ptr<WsSession>& w) { return w.expired(); });
  // One view per viewer, however many screens it has open.
  std::vector<std::pair<Viewer, std::string>> views;
  for (auto& w : sockets_) {
    const std::shared_ptr<WsSession> s = w.lock();
    if (!s) continue;
    auto found = std::find_if(views.begin(), views.end(),
                              [&](const auto& v) { return v.first == s->viewer(); });
    if (found == views.end()) {
      views.emplace_back(s->viewer(), room_.ViewFor(s->viewer()).dump());
      found = views.end() - 1;
    }
    s->Send(found->second, true);
  }
}

ClassroomServer::ClassroomServer(GameRoom& room, const AccessCodes& codes, ServerOptions options)
    : impl_(std::make_unique<Impl>(room, codes, std::move(options))) {}

ClassroomServer::~ClassroomServer() = default;

bool ClassroomServer::Listen(std::string* error) {
  beast::error_code ec;
  const net::ip::address address = net::ip::make_address(impl_->options_.host, ec);
  if (ec) {
    *error = "--host: not an IP address: " + impl_->options_.host;
    return false;
  }
  const tcp::endpoint endpoint(address, impl_->options_.port);
  tcp::acceptor& a = impl_->acceptor_;
  if (a.open(endpoint.protocol(), ec); !ec) a.set_option(net::socket_base::reuse_address(true), ec);
  if (!ec) a.bind(endpoint, ec);
  if (!ec) a.listen(net::socket_base::max_listen_connections, ec);
  if (ec) {
    *error = "cannot listen on " + impl_->options_.host + ":" +
             std::to_string(impl_->options_.port) + ": " + ec.message();
    return false;
  }
  return true;
}

unsigned short ClassroomServer::port() const {
  beast::error_code ec;
  const tcp::endpoint e = impl_->acceptor_.local_endpoint(ec);
  return ec ? 0 : e.port();
}

void ClassroomServer::Run() {
  impl_->Accept();
  impl_->ArmTimer();
  impl_->ioc_.run();
}

void ClassroomServer::Stop() { impl_->ioc_.stop(); }

}  // namespace overstretch::serve
