/* ppv-demangle.h — C++ names as pprof prints them: demangled and simplified.
 *
 * Copyright 2026 The Pprof Viewer authors
 * SPDX-License-Identifier: GPL-3.0-or-later
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* How C++ (and other mangled) names are shown (pprof's -symbolize=demangle=). */
typedef enum
{
  PPV_DEMANGLE_DEFAULT,     /* demangled, no parameters or template arguments */
  PPV_DEMANGLE_TEMPLATES,   /* demangled, no parameters */
  PPV_DEMANGLE_FULL,        /* demangled in full */
  PPV_DEMANGLE_NONE,        /* pprof's "none": demangled in full, clone suffixes too */
} PpvDemangle;

/* An Itanium C++ ABI name ("_ZN3foo3BarC2ERKSs") demangled as the
 * demangler pprof uses prints it in @mode ("foo::Bar::Bar" by default),
 * or NULL when @mangled is not such a name or cannot be read. */
char     *ppv_demangle          (const char  *mangled,
                                 PpvDemangle  mode);

/* pprof's demangleSingleFunction: the name a function is shown under,
 * from its name and system name; NULL when that is @name itself. */
char     *ppv_demangle_function (const char  *name,
                                 const char  *system_name,
                                 PpvDemangle  mode);

G_END_DECLS
