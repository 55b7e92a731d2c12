// The model packs Vouch ships, imported statically so the bundle needs no file access at run time.
// Add a pack: create rules/models/<name>.json (validated by rules/models/schema.json) and list it here.
// Order matters where packs give the same parameter a role: earlier packs win.
import type { ModelPack } from './model-types';
import javascript from '../../../rules/models/javascript.json';
import express from '../../../rules/models/express.json';
import koa from '../../../rules/models/koa.json';
import hono from '../../../rules/models/hono.json';
import nestjs from '../../../rules/models/nestjs.json';
import nextjs from '../../../rules/models/nextjs.json';
import browser from '../../../rules/models/browser.json';
import databasesJs from '../../../rules/models/databases-js.json';
import validationJs from '../../../rules/models/validation-js.json';
import python from '../../../rules/models/python.json';
import flask from '../../../rules/models/flask.json';
import fastapi from '../../../rules/models/fastapi.json';
import django from '../../../rules/models/django.json';
import databasesPython from '../../../rules/models/databases-python.json';
import validationPython from '../../../rules/models/validation-python.json';

export const MODEL_PACKS: readonly ModelPack[] = [
  nestjs, nextjs, hono, koa, express, browser, databasesJs, validationJs, javascript,
  fastapi, flask, django, databasesPython, validationPython, python,
] as unknown as ModelPack[];
