// Every command registers itself here; each lives in its own file and only parses flags, calls a façade and prints.
import type { Command } from 'commander';
import type { CommandContext } from '../index.js';
import { registerSchemas } from './schemas.js';
import { registerConfigure } from './configure.js';
import { registerVars } from './vars.js';
import { registerBuild } from './build.js';
import { registerValidate } from './validate.js';
import { registerNew } from './new.js';
import { registerDiff } from './diff.js';

export type RegisterCommand = (program: Command, ctx: CommandContext) => void;

export const commands: RegisterCommand[] = [registerConfigure, registerVars, registerSchemas, registerBuild, registerValidate, registerDiff, registerNew];
