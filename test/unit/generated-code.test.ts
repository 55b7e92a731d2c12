// Generated code is not scanned by default (issue 10): output folders and names by path, bundles by the
// bundler's loader code at their top — listed as skipped with the reason, never passed over silently.
import assert from 'node:assert/strict';
import { isIncluded, mergeSettings } from '../../server/src/core/config';
import { isHashedOutputName } from '../../server/src/core/paths';
import { bundlerOf, skipReason } from '../../server/src/core/text';
import { splitWindows } from '../../server/src/scan/windows';
import { testEngine } from '../engine';

describe('generated code', () => {
  it('leaves out output folders, minified and bundled names, source maps and content-hashed file names', () => {
    const s = mergeSettings({});
    for (const p of ['built/app.js', 'pkg/built/index.js', 'web/.nuxt/app.js', 'ui/storybook-static/main.js', 'static/app.min.mjs', 'static/app.min.css',
      'static/jquery-min.js', 'assets/vendor.bundle.mjs', 'assets/2.chunk.js', 'app.js.map', 'assets/main.3f2a9c1b.js', 'assets/index-BfE3x9Qd.js',
      'out2/chunk-4TDTMHNR.mjs', 'static/css/main.8c8b27cf.css', 'proto/user_pb2.py']) {
      assert.ok(!isIncluded(p, s), p);
      assert.ok(isIncluded(p, s, true), `${p} when named`);
    }
    for (const p of ['src/sha256.js', 'src/base64-vlq.js', 'src/utils-v2.js', 'src/index.browser2.js', 'src/polyfill-es2015.js', 'lib/deadbeef.js',
      'migrations/20240101120000-create-users.js', 'src/report-20240101.js', 'src/minimal.js', 'src/builtins.js', 'src/Float32Array.js']) {
      assert.ok(isIncluded(p, s), p);
    }
    assert.equal(isHashedOutputName('assets/app.abcdefab.js'), false, 'hex letters alone are a word, not a hash');
  });

  it('recognises bundles by the loader code at their top, after banner comments and "use strict"', () => {
    const bundles: Array<[string, string]> = [
      ['/******/ (() => { // webpackBootstrap\n/******/ \tvar __webpack_modules__ = ({\n', 'webpack'],
      ['/*! For license information please see main.js.LICENSE.txt */\n/******/ (function(modules) { // webpackBootstrap\n', 'webpack'],
      ['"use strict";\n(self["webpackChunkapp"] = self["webpackChunkapp"] || []).push([[179],{\n', 'webpack'],
      ['#!/usr/bin/env node\n"use strict";\nvar __create = Object.create;\nvar __defProp = Object.defineProperty;\n\n// node_modules/ms/index.js\nvar require_ms = __commonJS({\n', 'esbuild'],
      ["/**\n * @license\n * Copyright 2010-2023 Three.js Authors\n */\n(function (global, factory) {\n\ttypeof exports === 'object' && typeof module !== 'undefined' ? factory(exports) :\n", 'rollup'],
      ['(function(){function r(e,n,t){function o(i,f){if(!n[i]){', 'browserify'],
      ['import { createRequire as __req } from "module";\nconst require = __req(import.meta.url);\n\nvar __create = Object.create;\nvar __defProp = Object.defineProperty;\n\n// src/cli.ts\nvar x = 1;\n', 'esbuild'],
      ['// modules are defined as an array\n// [ module function, map of requires ]\nparcelRequire = (function (modules, cache, entry, globalName) {', 'parcel'],
    ];
    for (const [text, bundler] of bundles) {
      assert.equal(bundlerOf(text), bundler, text.slice(0, 40));
      assert.match(skipReason(text) ?? '', new RegExp(`generated ${bundler} bundle`));
    }
    for (const text of [
      'const webpack = require("webpack");\n__webpack_require__.x = 1;\n',
      '/******************************************************************************\nCopyright (c) Microsoft Corporation.\n***************************************************************************** */\nvar __createBinding = (this && this.__createBinding) || (Object.create ? 1 : 2);\n',
      '"use strict";\nObject.defineProperty(exports, "__esModule", { value: true });\n',
      'const code = `/******/ (() => { // webpackBootstrap`;\n',
      '/******/ unterminated',
      // esbuild transpiling one module writes its helpers too (nocobase's lib/): no module markers, no bundle
      '/**\n * This file is part of the NocoBase (R) project.\n */\n\nvar __create = Object.create;\nvar __defProp = Object.defineProperty;\nvar __getOwnPropNames = Object.getOwnPropertyNames;\nmodule.exports = __toCommonJS(application_version_exports);\n',
    ]) assert.equal(bundlerOf(text), undefined, text.slice(0, 40));
  });

  it('reports nothing in a bundle, and says so: the file is skipped with its reason', async () => {
    const engine = await testEngine();
    const text = '/******/ (() => { // webpackBootstrap\nvar __webpack_modules__ = ({\n"./src/api.js": (() => { const BASE_URL = "http://api.example.com"; fetch(BASE_URL); })\n});\n';
    const r = engine.analyze({ text, languageId: 'javascript', path: 'public/app.js' });
    assert.deepEqual(r.findings, []);
    assert.match(r.skipped ?? '', /generated webpack bundle/);
  });

  it('skips a bundle above the size limit whole: its later windows no longer show the loader but are output all the same', async () => {
    const engine = await testEngine();
    const module = 'var stream = require("readable-stream");\nfetch("http://api.example.com/x");\n';
    const text = `require=(function(){function r(e,n,t){return r}return r})()({1:[function(require,module,exports){\n${module.repeat(40)}}]});\n`;
    const windows = splitWindows(text, 400);
    assert.equal(windows.length, 1);
    const r = engine.analyze({ text: windows[0].text, languageId: 'javascript', path: 'public/js/app.js' });
    assert.deepEqual(r.findings, []);
    assert.match(r.skipped ?? '', /generated browserify bundle/);
    // Plain source above the limit is still cut into windows, each analysed.
    assert.ok(splitWindows(module.repeat(40), 400).length > 1);
  });
});
