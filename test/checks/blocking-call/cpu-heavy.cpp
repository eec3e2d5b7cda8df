// RUN: %check_clang_tidy %s coro-blocking-call %t
// RUN: %check_clang_tidy %s coro-blocking-call %t.off --check-prefix=OFF \
// RUN:   --config="{CheckOptions: {coro-blocking-call.DisabledCategories: 'cpu-heavy'}}"

#include "compression.h"
#include "coro_test.h"
#include <chrono>
#include <thread>
#include <vector>

Task<> compresses(const std::vector<char> &input, std::vector<char> &output) {
  ZSTD_compress(output.data(), output.size(), input.data(), input.size(), 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ZSTD_compress' blocks the thread (cpu-heavy): {{.*}}; instead, move the compression to a blocking pool: co_await spawn_blocking([&] { ... })
  use(static_cast<int>(ZSTD_compressBound(input.size())));
  unsigned long length = output.size();
  compress2(reinterpret_cast<unsigned char *>(output.data()), &length,
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'compress2' blocks the thread (cpu-heavy)
            reinterpret_cast<const unsigned char *>(input.data()), input.size(), 6);
  LZ4_compress_default(input.data(), output.data(), int(input.size()), int(output.size()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LZ4_compress_default' blocks the thread (cpu-heavy)
  unsigned int bzLength = output.size();
  BZ2_bzBuffToBuffCompress(output.data(), &bzLength, const_cast<char *>(input.data()),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BZ2_bzBuffToBuffCompress' blocks the thread (cpu-heavy)
                           input.size(), 9, 0, 30);
  co_return;
}

Task<> hashesPasswords(char *out, const char *password) {
  crypto_pwhash_str(out, password, 8, 3, 1 << 20);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'crypto_pwhash_str' blocks the thread (cpu-heavy): {{.*}}; instead, hash passwords in a blocking pool
  co_return;
}

Task<> otherCategoriesStayOn() {
  std::this_thread::sleep_for(std::chrono::seconds(1));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  // OFF: :[[@LINE-2]]:3: warning: 'std::this_thread::sleep_for' blocks the thread (sleep)
  co_return;
}
