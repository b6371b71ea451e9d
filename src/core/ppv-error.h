/* ppv-error.h — error domains of the profile core.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Problems with the bytes of a profile.  Every message is one sentence
 * that starts with the source name ("heap.pb.gz: truncated protobuf"). */
typedef enum
{
  PPV_PROFILE_ERROR_EMPTY,        /* zero bytes */
  PPV_PROFILE_ERROR_TRUNCATED,    /* input ends inside a field or gzip member */
  PPV_PROFILE_ERROR_DECOMPRESS,   /* corrupt gzip data */
  PPV_PROFILE_ERROR_TOO_LARGE,    /* a size or allocation cap was reached */
  PPV_PROFILE_ERROR_BAD_PROTO,    /* not a profile.proto message */
  PPV_PROFILE_ERROR_INVALID,      /* decodes, but fails validation */
  PPV_PROFILE_ERROR_UNRECOGNIZED, /* neither protobuf nor a known text format */
} PpvProfileError;

/* Problems with report options (bad regexp, unknown sample index...). */
typedef enum
{
  PPV_REPORT_ERROR_SAMPLE_INDEX,
  PPV_REPORT_ERROR_REGEX,
  PPV_REPORT_ERROR_OPTION,
  PPV_REPORT_ERROR_INCOMPATIBLE,  /* profiles that cannot be merged */
  PPV_REPORT_ERROR_NO_MATCH,      /* -peek's regexp matched no node */
} PpvReportError;

#define PPV_PROFILE_ERROR (ppv_profile_error_quark ())
#define PPV_REPORT_ERROR  (ppv_report_error_quark ())

GQuark ppv_profile_error_quark (void);
GQuark ppv_report_error_quark  (void);

G_END_DECLS
