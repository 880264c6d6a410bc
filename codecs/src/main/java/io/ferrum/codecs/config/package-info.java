/**
 * The one reader of the {@code key = value} files a person writes, and the one spelling of their
 * value types (durations, sizes, integers, booleans). Plain Java: every module may use it.
 */
package io.ferrum.codecs.config;
