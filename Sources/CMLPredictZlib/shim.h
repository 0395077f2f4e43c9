// zlib (apt zlib1g-dev), for reading .tar.gz model packages: zlib itself parses gzip's framing
// (header, concatenated members, CRC-32 and size trailer) when inflateInit2 is given 16 + window bits.
#include <zlib.h>
