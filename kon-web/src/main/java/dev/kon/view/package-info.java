/**
 * The JSON Kon's commands print with {@code --output json} and its web API serves: one writer per kind of thing
 * (runs, workers, CloudCal, CloudPic and Animoto answers), so a script and a page read the same fields.
 */
package dev.kon.view;
