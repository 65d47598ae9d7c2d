// The standard CBLAS interface, whichever BLAS implementation provides it.
#include <cblas.h>
