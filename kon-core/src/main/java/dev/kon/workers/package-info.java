/** The worker registry port: which workers exist, what they hold and whether they are alive. */
package dev.kon.workers;
