// RUN: %check_clang_tidy %s coro-blocking-call %t
// RUN: %check_clang_tidy %s coro-blocking-call %t.off --check-prefix=OFF \
// RUN:   --config="{CheckOptions: {coro-blocking-call.DisabledCategories: 'cpu-heavy'}}"

// The real headers of zstd, zlib, lz4, bzip2, xz and libsodium (libzstd-dev,
// zlib1g-dev, liblz4-dev, libbz2-dev, liblzma-dev, libsodium-dev).
#include "coro_test.h"
#include <bzlib.h>
#include <chrono>
#include <lz4.h>
#include <lz4frame.h>
#include <lz4hc.h>
#include <lzma.h>
#include <sodium.h>
#include <thread>
#include <vector>
#include <zlib.h>
#include <zstd.h>

Task<> compresses(const std::vector<char> &input, std::vector<char> &output) {
  ZSTD_compress(output.data(), output.size(), input.data(), input.size(), 3);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ZSTD_compress' blocks the thread (cpu-heavy): {{.*}}; instead, run it in a blocking pool (co_await spawn_blocking([&] { ... })) unless the data is known to be small: (de)compression costs CPU time in proportion to the data, which the check cannot see
  use(static_cast<int>(ZSTD_compressBound(input.size())));
  uLongf length = output.size();
  compress2(reinterpret_cast<Bytef *>(output.data()), &length,
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'compress2' blocks the thread (cpu-heavy)
            reinterpret_cast<const Bytef *>(input.data()), input.size(), 6);
  LZ4_compress_default(input.data(), output.data(), int(input.size()), int(output.size()));
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LZ4_compress_default' blocks the thread (cpu-heavy)
  LZ4_compress_HC(input.data(), output.data(), int(input.size()), int(output.size()), 9);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LZ4_compress_HC' blocks the thread (cpu-heavy)
  LZ4F_compressFrame(output.data(), output.size(), input.data(), input.size(), nullptr);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'LZ4F_compressFrame' blocks the thread (cpu-heavy)
  unsigned int bzLength = output.size();
  BZ2_bzBuffToBuffCompress(output.data(), &bzLength, const_cast<char *>(input.data()),
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BZ2_bzBuffToBuffCompress' blocks the thread (cpu-heavy)
                           input.size(), 9, 0, 30);
  size_t xzLength = 0;
  lzma_easy_buffer_encode(6, LZMA_CHECK_CRC64, nullptr,
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lzma_easy_buffer_encode' blocks the thread (cpu-heavy)
                          reinterpret_cast<const uint8_t *>(input.data()), input.size(),
                          reinterpret_cast<uint8_t *>(output.data()), &xzLength, output.size());
  co_return;
}

Task<> decompressesStreams(z_stream &zlib, ZSTD_DCtx *zstd, lzma_stream &xz, bz_stream &bz) {
  inflate(&zlib, Z_NO_FLUSH);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'inflate' blocks the thread (cpu-heavy)
  ZSTD_inBuffer in{nullptr, 0, 0};
  ZSTD_outBuffer out{nullptr, 0, 0};
  ZSTD_decompressStream(zstd, &out, &in);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'ZSTD_decompressStream' blocks the thread (cpu-heavy)
  lzma_code(&xz, LZMA_RUN);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'lzma_code' blocks the thread (cpu-heavy)
  BZ2_bzDecompress(&bz);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'BZ2_bzDecompress' blocks the thread (cpu-heavy)
  co_return;
}

// Reading a gzip file is file I/O as well as decompression.
Task<> readsGzipFile(gzFile file, char *buffer) {
  gzread(file, buffer, 4096);
  // CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'gzread' blocks the thread (blocking-io): {{.*}}; instead, read or write the compressed file in spawn_blocking
  // OFF: :[[@LINE-2]]:3: warning: 'gzread' blocks the thread (blocking-io)
  co_return;
}

// Setting up, sizing and tearing down a codec does not touch the data.
Task<> setsUpCodecs(z_stream &zlib, const std::vector<char> &input) {
  deflateInit(&zlib, Z_DEFAULT_COMPRESSION);
  deflateEnd(&zlib);
  use(static_cast<int>(compressBound(input.size())));
  use(LZ4_compressBound(int(input.size())));
  ZSTD_CCtx *context = ZSTD_createCCtx();
  ZSTD_CCtx_setParameter(context, ZSTD_c_compressionLevel, 3);
  use(ZSTD_isError(0));
  ZSTD_freeCCtx(context);
  use(static_cast<int>(lzma_stream_buffer_bound(input.size())));
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
