// Declarations with the real names of compression and hashing libraries.
#ifndef COROLINT_TEST_COMPRESSION_H
#define COROLINT_TEST_COMPRESSION_H

#include <cstddef>

extern "C" {
size_t ZSTD_compress(void *dst, size_t dstCapacity, const void *src,
                     size_t srcSize, int compressionLevel);
size_t ZSTD_decompress(void *dst, size_t dstCapacity, const void *src,
                       size_t compressedSize);
size_t ZSTD_compressBound(size_t srcSize);
int compress2(unsigned char *dest, unsigned long *destLen,
              const unsigned char *source, unsigned long sourceLen, int level);
int uncompress(unsigned char *dest, unsigned long *destLen,
               const unsigned char *source, unsigned long sourceLen);
int LZ4_compress_default(const char *src, char *dst, int srcSize,
                         int dstCapacity);
int BZ2_bzBuffToBuffCompress(char *dest, unsigned int *destLen, char *source,
                             unsigned int sourceLen, int blockSize100k,
                             int verbosity, int workFactor);
int crypto_pwhash_str(char *out, const char *passwd,
                      unsigned long long passwdlen, unsigned long long opslimit,
                      size_t memlimit);
}

#endif
