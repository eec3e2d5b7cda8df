#include "corolint/rt/join_handle.h"
#include "corolint/rt/runtime.h"
#include "corolint/rt/spawn.h"
#include "corolint/rt/yield_now.h"
#include "test_support.h"

#include <gtest/gtest.h>

#include <atomic>
#include <exception>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

namespace corolint::rt {
namespace {

using testing::Flavor;
using testing::Gate;
using testing::yield_until;

/// Collects what reaches a runtime's unhandled-exception handler.
class Reports {
public:
  UnhandledExceptionHandler handler() {
    return [this](std::exception_ptr failure) {
      std::string message;
      try {
        std::rethrow_exception(std::move(failure));
      } catch (const std::exception &error) {
        message = error.what();
      } catch (...) {
        message = "unknown";
      }
      std::lock_guard lock(mutex_);
      messages_.push_back(std::move(message));
      count_.fetch_add(1);
    };
  }

  int count() const { return count_.load(); }
  std::vector<std::string> messages() const {
    std::lock_guard lock(mutex_);
    return messages_;
  }

private:
  mutable std::mutex mutex_;
  std::vector<std::string> messages_;
  std::atomic<int> count_{0};
};

class UnhandledExceptionTest : public ::testing::TestWithParam<Flavor> {
protected:
  Reports reports_;
  Runtime runtime_ = testing::build_runtime(GetParam(), reports_.handler());
};

INSTANTIATE_TEST_SUITE_P(
    AllFlavors, UnhandledExceptionTest,
    ::testing::ValuesIn(testing::all_flavors()),
    [](const auto &info) { return testing::flavor_name(info.param); });

Task<void> fail_after(Gate *gate, std::string message) {
  co_await gate->wait();
  throw std::runtime_error(message);
}

Task<bool> detach_failing_task(const Reports *reports) {
  Gate gate;
  spawn(fail_after(&gate, "detached failure"));
  gate.open();
  co_return co_await yield_until([reports] { return reports->count() == 1; });
}

TEST_P(UnhandledExceptionTest, DetachedTaskFailureReachesTheHandler) {
  EXPECT_TRUE(runtime_.block_on(detach_failing_task(&reports_)));
  EXPECT_EQ(reports_.messages(), std::vector<std::string>{"detached failure"});
}

Task<bool> drop_handle_of_failed_task(const Reports *reports) {
  Gate gate;
  JoinHandle<void> handle = spawn(fail_after(&gate, "never awaited"));
  gate.open();
  co_await yield_until([&handle] { return handle.is_finished(); });
  if (reports->count() != 0)
    co_return false;
  { JoinHandle<void> dropped = std::move(handle); }
  co_return reports->count() == 1;
}

TEST_P(UnhandledExceptionTest, DroppingTheHandleOfAFailedTaskReportsIt) {
  EXPECT_TRUE(runtime_.block_on(drop_handle_of_failed_task(&reports_)));
  EXPECT_EQ(reports_.messages(), std::vector<std::string>{"never awaited"});
}

Task<bool> await_failure(Gate *gate) {
  JoinHandle<void> handle = spawn(fail_after(gate, "observed"));
  gate->open();
  try {
    co_await handle;
  } catch (const std::runtime_error &) {
    co_return true;
  }
  co_return false;
}

TEST_P(UnhandledExceptionTest, AnAwaitedFailureIsNotReported) {
  Gate gate;
  EXPECT_TRUE(runtime_.block_on(await_failure(&gate)));
  EXPECT_EQ(reports_.count(), 0);
}

Task<void> abort_and_drop(Gate *never_opened) {
  JoinHandle<void> handle = spawn(fail_after(never_opened, "unreachable"));
  co_await yield_now();
  handle.abort();
  co_await yield_until([&handle] { return handle.is_finished(); });
}

TEST_P(UnhandledExceptionTest, CancellationIsNotReported) {
  Gate never_opened;
  runtime_.block_on(abort_and_drop(&never_opened));
  EXPECT_EQ(reports_.count(), 0);
}

Task<int> throw_int() {
  throw 42;
  co_return 0;
}

Task<bool> detach_non_standard_failure(const Reports *reports) {
  spawn(throw_int());
  co_return co_await yield_until([reports] { return reports->count() == 1; });
}

TEST_P(UnhandledExceptionTest, NonStandardExceptionsAreReportedToo) {
  EXPECT_TRUE(runtime_.block_on(detach_non_standard_failure(&reports_)));
  EXPECT_EQ(reports_.messages(), std::vector<std::string>{"unknown"});
}

Task<void> detach_and_let_run(Gate *gate) {
  spawn(fail_after(gate, "printed failure"));
  gate->open();
  for (int i = 0; i < 10; ++i)
    co_await yield_now();
}

TEST(UnhandledException, DefaultHandlerPrintsToStderr) {
  Runtime rt = Runtime::Builder::current_thread().build();
  Gate gate;
  ::testing::internal::CaptureStderr();
  rt.block_on(detach_and_let_run(&gate));
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(printed.find("printed failure"), std::string::npos) << printed;
}

TEST(UnhandledException, AThrowingHandlerFallsBackToStderr) {
  Runtime rt = Runtime::Builder::current_thread()
                   .on_unhandled_exception([](const std::exception_ptr &) {
                     throw std::logic_error("handler failed");
                   })
                   .build();
  Gate gate;
  ::testing::internal::CaptureStderr();
  rt.block_on(detach_and_let_run(&gate));
  const std::string printed = ::testing::internal::GetCapturedStderr();
  EXPECT_NE(printed.find("handler threw"), std::string::npos) << printed;
  EXPECT_NE(printed.find("printed failure"), std::string::npos) << printed;
}

TEST(UnhandledException, HandleDroppedAfterTheRuntimeStillReports) {
  Reports reports;
  JoinHandle<void> handle = [&reports] {
    Runtime rt = Runtime::Builder::current_thread()
                     .on_unhandled_exception(reports.handler())
                     .build();
    Gate gate;
    gate.open();
    JoinHandle<void> failing = rt.spawn(fail_after(&gate, "outlived"));
    const bool finished =
        rt.block_on(yield_until([&failing] { return failing.is_finished(); }));
    EXPECT_TRUE(finished);
    return failing;
  }();
  EXPECT_TRUE(handle.is_finished());
  EXPECT_EQ(reports.count(), 0);
  { JoinHandle<void> dropped = std::move(handle); }
  EXPECT_EQ(reports.messages(), std::vector<std::string>{"outlived"});
}

} // namespace
} // namespace corolint::rt
