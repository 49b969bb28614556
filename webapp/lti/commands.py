"""`flask --app webapp lti ...`: the administrator registers platforms once, and reads the URLs to
paste into the platform's form."""
from __future__ import annotations

from urllib.parse import urlsplit

import click
from flask import Flask
from flask.cli import AppGroup
from sqlalchemy import func, select

from ..db import db
from ..models import Teacher
from . import keys
from .models import LtiDeployment, LtiPlatform, LtiTeacher

lti = AppGroup("lti", help="Register LTI 1.3 platforms (Moodle, Canvas, Schoology, Brightspace, Blackboard).")


def _url(value: str, name: str) -> str:
    parts = urlsplit(value or "")
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise click.BadParameter("give a full address starting with https://", param_hint=name)
    return value


@lti.command("add-platform")
@click.option("--name", required=True, help="what to call the platform here, such as 'School Moodle'")
@click.option("--issuer", required=True, help="the platform's issuer (Moodle: the site's address)")
@click.option("--client-id", required=True, help="the client id the platform gave essaycheck")
@click.option("--deployment-id", "deployment_ids", multiple=True, required=True,
              help="a deployment id the platform gave (repeat the option for more)")
@click.option("--auth-url", required=True, help="the platform's authentication request URL (OIDC auth)")
@click.option("--token-url", required=True, help="the platform's access token URL")
@click.option("--jwks-url", required=True, help="the platform's public keyset URL")
@click.option("--audience", default=None, help="the token audience, when the platform says it is not the token URL")
def add_platform(name, issuer, client_id, deployment_ids, auth_url, token_url, jwks_url, audience) -> None:
    """Register a platform, or add deployment ids to one already registered."""
    for value, option in ((auth_url, "--auth-url"), (token_url, "--token-url"), (jwks_url, "--jwks-url")):
        _url(value, option)
    platform = db.session.scalar(select(LtiPlatform).where(LtiPlatform.issuer == issuer,
                                                           LtiPlatform.client_id == client_id))
    if platform is None:
        platform = LtiPlatform(issuer=issuer, client_id=client_id)
        db.session.add(platform)
    platform.active = True
    platform.name, platform.auth_login_url, platform.auth_token_url = name, auth_url, token_url
    platform.key_set_url, platform.auth_audience = jwks_url, audience
    known = {d.deployment_id for d in platform.deployments}
    for d in deployment_ids:
        if d not in known:
            platform.deployments.append(LtiDeployment(deployment_id=d))
    db.session.commit()
    keys.signing_key()  # the tool's keys exist before the platform first asks for them
    click.echo(f"Registered platform {platform.id}: {platform.name} ({platform.issuer}, client id "
               f"{platform.client_id}), deployment(s) {', '.join(d.deployment_id for d in platform.deployments)}.")


@lti.command("list")
def list_platforms() -> None:
    """The registered platforms, with their ids and deployments."""
    platforms = db.session.scalars(select(LtiPlatform).order_by(LtiPlatform.id)).all()
    if not platforms:
        click.echo("No platform is registered. Add one with: flask --app webapp lti add-platform --help")
    for p in platforms:
        click.echo(f"{p.id}\t{p.name}{'' if p.active else ' (removed)'}\tissuer {p.issuer}\tclient id {p.client_id}\tdeployments "
                   f"{', '.join(d.deployment_id for d in p.deployments) or '(none)'}")


@lti.command("remove")
@click.argument("platform_id", type=int)
@click.option("--deployment-id", default=None, help="remove only this deployment, not the whole platform")
@click.option("--yes", is_flag=True, help="do not ask first")
def remove(platform_id: int, deployment_id: str | None, yes: bool) -> None:
    """Stop accepting launches from a platform (or one of its deployments). Work already handed in is kept."""
    platform = db.session.get(LtiPlatform, platform_id)
    if platform is None:
        raise click.ClickException(f"no platform has the id {platform_id} (see: flask --app webapp lti list)")
    if deployment_id:
        gone = [d for d in platform.deployments if d.deployment_id == deployment_id]
        if not gone:
            raise click.ClickException(f"platform {platform_id} has no deployment {deployment_id}")
        platform.deployments.remove(gone[0])
        db.session.commit()
        click.echo(f"Removed deployment {deployment_id} of {platform.name}.")
        return
    if not yes:
        click.confirm(f"Stop accepting launches from {platform.name}?", abort=True)
    # Its course links and teachers keep their work; the registration stops every log-in and launch.
    platform.active = False
    db.session.commit()
    click.echo(f"Removed platform {platform_id}: it can no longer launch essaycheck.")


@lti.command("urls")
@click.argument("base_url")
def urls(base_url: str) -> None:
    """The addresses to paste into the platform, for essaycheck served at BASE_URL (https://...)."""
    base = _url(base_url, "BASE_URL").rstrip("/")
    click.echo(f"Tool URL / target link URI / redirection URI:  {base}/lti/launch")
    click.echo(f"Initiate login URL (OIDC login):                {base}/lti/login")
    click.echo(f"Public keyset URL (JWKS):                       {base}/lti/jwks")
    click.echo(f"Deep linking (content selection) URL:           {base}/lti/launch")


@lti.command("link-teacher")
@click.argument("platform_id", type=int)
@click.argument("sub")
@click.argument("email")
def link_teacher(platform_id: int, sub: str, email: str) -> None:
    """Let the platform user SUB (their LTI user id) act as the existing teacher account EMAIL."""
    platform = db.session.get(LtiPlatform, platform_id)
    teacher = db.session.scalar(select(Teacher).where(func.lower(Teacher.email) == email.lower()))
    if platform is None or teacher is None:
        raise click.ClickException("no such platform" if platform is None else f"no teacher has the email {email}")
    row = db.session.scalar(select(LtiTeacher).where(LtiTeacher.platform_id == platform.id, LtiTeacher.sub == sub))
    if row is None:
        row = LtiTeacher(platform=platform, sub=sub, teacher=teacher)
        db.session.add(row)
    row.teacher = teacher
    db.session.commit()
    click.echo(f"Launches by {sub} from {platform.name} now log in as {teacher.email}.")


def init_app(app: Flask) -> None:
    app.cli.add_command(lti)
