/* reader-test-util.h — helpers shared by the reader tests: encoders, gzip, assertions.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include "ppv-error.h"
#include "ppv-reader.h"
#include "profile.pb-c.h"

G_BEGIN_DECLS

/* A hand-rolled protobuf writer, for encodings protobuf-c never produces
 * (unpacked repeated fields, odd field order, broken data). */
void    wire_varint    (GByteArray *out,
                        guint64     value);
void    wire_tag       (GByteArray *out,
                        guint32     field,
                        guint       wire_type);
void    wire_uint      (GByteArray *out,
                        guint32     field,
                        guint64     value);
void    wire_bytes     (GByteArray *out,
                        guint32     field,
                        const void *data,
                        gsize       len);
void    wire_message   (GByteArray *out,
                        guint32     field,
                        GByteArray *message);
void    wire_string    (GByteArray *out,
                        guint32     field,
                        const char *str);

/* protobuf-c's encoding of a whole Profile. */
GBytes *pack_profile   (const Perftools__Profiles__Profile *profile);

/* gzip of @len bytes; @members > 1 splits the data into that many members. */
GBytes *gzip_bytes     (const void *data,
                        gsize       len,
                        guint       members);

/* Offsets where each top-level field of an encoded profile starts, plus
 * the total length as last element. */
GArray *field_starts   (GBytes *bytes);

/* Path of a file in tests/reader/data. */
char   *data_path      (const char *name);
GBytes *load_data      (const char *name);

/* Reads @bytes as @source with optional @limits. */
PpvProfile *read_bytes (GBytes              *bytes,
                        const char          *source,
                        const PpvReadLimits *limits,
                        GError             **error);

/* Asserts that reading fails with @code in PPV_PROFILE_ERROR, that the
 * message starts with "@source: " and, if @fragment is set, contains it. */
void    assert_read_fails (GBytes              *bytes,
                           const char          *source,
                           const PpvReadLimits *limits,
                           int                  code,
                           const char          *fragment);

/* Asserts the failure of reading is of our domain and names the source;
 * returns the code. */
int     assert_clean_failure (const GError *error,
                              const char   *source);

G_END_DECLS
