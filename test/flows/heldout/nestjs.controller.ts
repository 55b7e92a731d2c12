import {
  BadRequestException,
  Body,
  Controller,
  Get,
  Header,
  Logger,
  Param,
  ParseIntPipe,
  Post,
  Query,
  Res,
  UsePipes,
  ValidationPipe,
} from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { InjectModel } from '@nestjs/mongoose';
import { DataSource } from 'typeorm';
import { Model } from 'mongoose';
import { Response } from 'express';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsString, Matches, Max, Min } from 'class-validator';
import { exec } from 'child_process';
import { promisify } from 'util';
import * as path from 'path';
import * as vm from 'vm';
import axios from 'axios';
import * as he from 'he';

const execAsync = promisify(exec);
const AVATAR_DIR = path.join(process.cwd(), 'storage', 'avatars');
const EXPORT_DIR = '/var/exports';

export class ExportDto {
  @IsString()
  @Matches(/^[a-z0-9-]{1,40}$/)
  name!: string;

  @IsIn(['zip', 'tgz'])
  format!: 'zip' | 'tgz';
}

export class ListUsersQuery {
  @IsIn(['created_at', 'email', 'last_login'])
  orderBy: string = 'created_at';

  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit: number = 20;
}

interface UserDocument {
  email: string;
  name: string;
  role: string;
}

@Controller('admin/users')
@UsePipes(new ValidationPipe({ whitelist: true, transform: true }))
export class UsersAdminController {
  private readonly logger = new Logger(UsersAdminController.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectModel('User') private readonly userModel: Model<UserDocument>,
  ) {}

  @Get('search')
  async search(@Query('q') q: string) {
    // expect: log-injection
    this.logger.log(`Admin user search for "${q}"`);
    // expect: sql-injection
    return this.dataSource.query(`SELECT id, email FROM users WHERE email LIKE '%${q}%' LIMIT 50`);
  }

  @Get()
  async list(@Query() query: ListUsersQuery) {
    // ok: sql-injection
    const rows = await this.dataSource.query(`SELECT id, email FROM users ORDER BY ${query.orderBy} DESC LIMIT ${query.limit}`);
    // ok: log-injection
    this.logger.log(`Listed ${rows.length} users ordered by ${query.orderBy}`);
    return rows;
  }

  @Get('by-email/:email')
  async byEmail(@Param('email') email: string) {
    // ok: sql-injection
    const rows = await this.dataSource.query('SELECT id, email, role FROM users WHERE email = $1', [email]);
    return rows[0] ?? null;
  }

  @Get('by-team/:team')
  async byTeam(@Param('team') team: string) {
    const sql = 'SELECT u.id, u.email FROM users u JOIN teams t ON t.id = u.team_id WHERE t.slug = ' + `'${team}'`;
    // expect: sql-injection
    return this.dataSource.query(sql);
  }

  @Get(':id')
  async findOne(@Param('id', ParseIntPipe) id: number) {
    // ok: sql-injection
    const rows = await this.dataSource.query(`SELECT id, email, role FROM users WHERE id = ${id}`);
    return rows[0] ?? null;
  }

  @Post('filter')
  async filter(@Body() filter: Record<string, unknown>) {
    // expect: nosql-injection
    return this.userModel.find(filter).limit(50).lean();
  }

  @Post('find-by-name')
  async findByName(@Body('name') name: unknown) {
    // ok: nosql-injection
    return this.userModel.findOne({ name: String(name) }).lean();
  }

  @Post('find-by-email')
  async findByEmail(@Body('email') email: any) {
    // expect: nosql-injection
    return this.userModel.findOne({ email }).lean();
  }

  @Post('export')
  async export(@Body() dto: ExportDto) {
    const flag = dto.format === 'zip' ? '-r' : '-czf';
    const tool = dto.format === 'zip' ? 'zip' : 'tar';
    // ok: command-injection
    await execAsync(`${tool} ${flag} ${EXPORT_DIR}/${dto.name}.${dto.format} /data/users`);
    return { file: `${dto.name}.${dto.format}` };
  }

  @Post('archive')
  async archive(@Body('folder') folder: string) {
    // expect: command-injection
    await execAsync(`zip -r ${EXPORT_DIR}/archive.zip ${folder}`);
    return { file: 'archive.zip' };
  }

  @Get('avatar/:file')
  avatar(@Param('file') file: string, @Res() res: Response) {
    // expect: path-traversal
    return res.sendFile(path.join(AVATAR_DIR, file));
  }

  @Get('avatar-safe/:file')
  avatarSafe(@Param('file') file: string, @Res() res: Response) {
    // ok: path-traversal
    return res.sendFile(file, { root: AVATAR_DIR });
  }

  @Post('import')
  async importFrom(@Body('sourceUrl') sourceUrl: string) {
    // expect: server-side-request-forgery
    const { data } = await axios.get(sourceUrl, { timeout: 10000 });
    return { imported: Array.isArray(data) ? data.length : 0 };
  }

  @Get('gravatar/:hash')
  async gravatar(@Param('hash') hash: string) {
    // ok: server-side-request-forgery
    const { data } = await axios.get(`https://www.gravatar.com/avatar/${encodeURIComponent(hash)}?d=404`, { responseType: 'arraybuffer' });
    return { size: data.byteLength };
  }

  @Get('impersonate/done')
  impersonateDone(@Query('redirect') redirect: string, @Res() res: Response) {
    // expect: open-redirect
    return res.redirect(redirect);
  }

  @Get('impersonate/start/:id')
  impersonateStart(@Param('id', ParseIntPipe) id: number, @Res() res: Response) {
    // ok: open-redirect
    return res.redirect(`/admin/users/${id}/impersonate`);
  }

  @Post('formula')
  evaluate(@Body('expression') expression: string) {
    // expect: code-injection
    const value = vm.runInNewContext(expression, { Math }, { timeout: 50 });
    return { value };
  }

  @Get('help/:topic')
  help(@Param('topic') topic: string, @Res() res: Response) {
    // expect: cross-site-scripting
    res.send(`<h2>Help: ${topic}</h2><p>No article found.</p>`);
  }

  @Get('help-safe/:topic')
  @Header('Content-Type', 'text/html')
  helpSafe(@Param('topic') topic: string, @Res() res: Response) {
    // ok: cross-site-scripting
    res.send(`<h2>Help: ${he.encode(topic)}</h2><p>No article found.</p>`);
  }

  @Get('match/:pattern')
  match(@Param('pattern') pattern: string) {
    if (!/^[\w\s-]{1,30}$/.test(pattern)) {
      throw new BadRequestException('invalid pattern');
    }
    // ok: regex-injection
    const re = new RegExp(pattern, 'i');
    return ['admin', 'editor', 'viewer'].filter((r) => re.test(r));
  }
}
