package io.ferrum.ops.history;
