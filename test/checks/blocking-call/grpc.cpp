// RUN: %check_clang_tidy %s coro-blocking-call %t -- \
// RUN:   $(pkg-config --cflags grpc++)

// The real gRPC headers (libgrpc++-dev). The stub below has the shape
// grpc_cpp_plugin generates in a service's .grpc.pb.h, whose methods are
// defined in the .grpc.pb.cc: a synchronous method takes a
// grpc::ClientContext* first and returns grpc::Status, or a synchronous
// stream; the asynchronous ones return an asynchronous reader. Its messages
// are grpc::ByteBuffer, which gRPC serializes without protobuf.
#include "coro_test.h"
#include <grpcpp/grpcpp.h>
#include <grpcpp/support/async_stream.h>
#include <grpcpp/support/async_unary_call.h>
#include <grpcpp/support/sync_stream.h>

namespace routeguide {
using Point = ::grpc::ByteBuffer;
using Feature = ::grpc::ByteBuffer;
using Rectangle = ::grpc::ByteBuffer;
using RouteNote = ::grpc::ByteBuffer;
using RouteSummary = ::grpc::ByteBuffer;

class RouteGuide final {
public:
  class StubInterface {
  public:
    virtual ~StubInterface() {}
    virtual ::grpc::Status GetFeature(::grpc::ClientContext *context,
                                      const ::routeguide::Point &request,
                                      ::routeguide::Feature *response) = 0;
  };
  class Stub final : public StubInterface {
  public:
    ::grpc::Status GetFeature(::grpc::ClientContext *context,
                              const ::routeguide::Point &request,
                              ::routeguide::Feature *response) override;
    std::unique_ptr<::grpc::ClientAsyncResponseReader<::routeguide::Feature>>
    AsyncGetFeature(::grpc::ClientContext *context,
                    const ::routeguide::Point &request,
                    ::grpc::CompletionQueue *cq);
    std::unique_ptr<::grpc::ClientReader<::routeguide::Feature>>
    ListFeatures(::grpc::ClientContext *context,
                 const ::routeguide::Rectangle &request);
    std::unique_ptr<::grpc::ClientAsyncReader<::routeguide::Feature>>
    AsyncListFeatures(::grpc::ClientContext *context,
                      const ::routeguide::Rectangle &request,
                      ::grpc::CompletionQueue *cq, void *tag);
    std::unique_ptr<::grpc::ClientWriter<::routeguide::Point>>
    RecordRoute(::grpc::ClientContext *context,
                ::routeguide::RouteSummary *response);
    std::unique_ptr<
        ::grpc::ClientReaderWriter<::routeguide::RouteNote, ::routeguide::RouteNote>>
    RouteChat(::grpc::ClientContext *context);
    class async final {
    public:
      void GetFeature(::grpc::ClientContext *context,
                      const ::routeguide::Point *request,
                      ::routeguide::Feature *response,
                      std::function<void(::grpc::Status)>);
    };
    async *experimental_async();
  };
  // The server side: a handler gRPC calls, not a call that waits.
  class Service {
  public:
    virtual ::grpc::Status GetFeature(::grpc::ServerContext *context,
                                      const ::routeguide::Point *request,
                                      ::routeguide::Feature *response);
  };
};
} // namespace routeguide

using routeguide::RouteGuide;

Task<> callsSynchronously(RouteGuide::Stub &stub, RouteGuide::StubInterface &base) {
  grpc::ClientContext context;
  routeguide::Feature feature;
  grpc::Status status = stub.GetFeature(&context, routeguide::Point{}, &feature);
  // CHECK-MESSAGES: :[[@LINE-1]]:30: warning: 'routeguide::RouteGuide::Stub::GetFeature' blocks the thread (blocking-io): {{.*}}; instead, call the stub's asynchronous API (the Async or callback methods, with the completion queue polled by the executor), or run the call in spawn_blocking
  use(status.ok());
  base.GetFeature(&context, routeguide::Point{}, &feature);
  // CHECK-MESSAGES: :[[@LINE-1]]:8: warning: 'routeguide::RouteGuide::StubInterface::GetFeature' blocks the thread (blocking-io)
  co_return;
}

Task<> streamsSynchronously(RouteGuide::Stub &stub) {
  grpc::ClientContext context;
  auto reader = stub.ListFeatures(&context, routeguide::Rectangle{});
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'routeguide::RouteGuide::Stub::ListFeatures' blocks the thread (blocking-io)
  routeguide::Feature feature;
  while (reader->Read(&feature))
  // CHECK-MESSAGES: :[[@LINE-1]]:18: warning: 'grpc::ClientReader::Read' blocks the thread (blocking-io): {{.*}}; instead, use the asynchronous stream (the stub's Async method, or the callback API), or run the stream in spawn_blocking
    co_await Yield{};
  reader->Finish();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'grpc::ClientReader::Finish' blocks the thread (blocking-io)
  grpc::ClientContext recordContext;
  routeguide::RouteSummary summary;
  auto writer = stub.RecordRoute(&recordContext, &summary);
  // CHECK-MESSAGES: :[[@LINE-1]]:22: warning: 'routeguide::RouteGuide::Stub::RecordRoute' blocks the thread (blocking-io)
  writer->Write(routeguide::Point{});
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'grpc::ClientWriter::Write' blocks the thread (blocking-io)
  writer->WritesDone();
  // CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'grpc::ClientWriter::WritesDone' blocks the thread (blocking-io)
  grpc::ClientContext chatContext;
  auto chat = stub.RouteChat(&chatContext);
  // CHECK-MESSAGES: :[[@LINE-1]]:20: warning: 'routeguide::RouteGuide::Stub::RouteChat' blocks the thread (blocking-io)
  routeguide::RouteNote note;
  chat->Read(&note);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'grpc::ClientReaderWriter::Read' blocks the thread (blocking-io)
}

Task<> callsAsynchronously(RouteGuide::Stub &stub, grpc::CompletionQueue &queue) {
  grpc::ClientContext context;
  auto pending = stub.AsyncGetFeature(&context, routeguide::Point{}, &queue);
  routeguide::Feature feature;
  grpc::Status status;
  pending->Finish(&feature, &status, nullptr);
  auto reader = stub.AsyncListFeatures(&context, routeguide::Rectangle{}, &queue, nullptr);
  reader->Read(&feature, nullptr);
  routeguide::Point point;
  stub.experimental_async()->GetFeature(&context, &point, &feature,
                                        [](grpc::Status) {});
  void *tag = nullptr;
  bool ok = false;
  queue.AsyncNext(&tag, &ok, std::chrono::system_clock::now());
  co_await Yield{};
  queue.Next(&tag, &ok);
  // CHECK-MESSAGES: :[[@LINE-1]]:9: warning: 'grpc::CompletionQueue::Next' blocks the thread (event-loop): {{.*}}; instead, poll the queue from its own thread and hand the events to the executor, or call AsyncNext with a deadline that has passed
}

// A service's handler runs on gRPC's threads; the checks do not look at it
// as a coroutine, and calling the base handler is not a client call.
Task<> callsTheServiceHandler(RouteGuide::Service &service, grpc::ServerContext &context) {
  routeguide::Point point;
  routeguide::Feature feature;
  service.GetFeature(&context, &point, &feature);
  co_return;
}

Task<> waitsForTheServer(grpc::Server &server, std::shared_ptr<grpc::Channel> channel) {
  channel->WaitForConnected(std::chrono::system_clock::now() + std::chrono::seconds(5));
  // CHECK-MESSAGES: :[[@LINE-1]]:12: warning: 'grpc::ChannelInterface::WaitForConnected' blocks the thread (blocking-io)
  server.Wait();
  // CHECK-MESSAGES: :[[@LINE-1]]:10: warning: 'grpc::Server::Wait' blocks the thread (thread-sync)
  co_return;
}
