from frontdoor.accounts import roles
from frontdoor.accounts import services as accounts
from frontdoor.notify import services


def test_staff_read_the_local_outbox_and_each_message(db, client):
    services.template_define(
        code="hello", channel="email", name="Hello", subject="Hello ((name))", body="Hi ((name))"
    )
    message = services.message_queue(
        template="hello", personalisation={"name": "Amara"}, to_email="amara@example.com"
    )
    services.outbox_deliver()
    agent = accounts.staff_create(
        username="ade", full_name="Ade Okafor", email="a@example.gov.uk", roles=[roles.AGENT]
    )
    client.force_login(agent)
    listing = client.get("/staff/messages/", {"status": "delivered"}).content.decode()
    assert "Hello Amara" in listing and "Delivered" in listing
    detail = client.get(f"/staff/messages/{message.reference}/").content.decode()
    assert "Hi Amara" in detail and "outbox" in detail


def test_the_outbox_is_for_staff_only(db, client):
    response = client.get("/staff/messages/")
    assert response.status_code == 302 and "/staff/sign-in/" in response.url
