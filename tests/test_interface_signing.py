"""The production-interface signatures and cipher against the vectors of interfaces.md §6.5 and
§6.8 (self-computed from the documented formulas; §6.5's with Java 17)."""

from __future__ import annotations

import pytest

from app.services.marketplace import interface_signing as sig

KEY = "testAccessKey"
NONCE = "50D83FDE1B2C4A5E9F00112233445566"
TS = "1680508066618"


def test_v2_request_signature_matches_the_vector_6_8() -> None:
    body = (b'{"activity":"newInstance","businessId":"87b94795-0603-4e24-8ae5-69420d60e3c8",'
            b'"orderId":"CS2211181819B4LVS","orderLineId":"CS2211181819B4LVS-000001",'
            b'"testFlag":"1"}')
    assert sig.v2_signature(KEY, NONCE, TS, body) == \
        "9B7E4D1FB05C344F83E3B7E70A7D9807077BE49B08BAAA9896CEC5B87AEB9AF4"
    assert sig.signatures_equal("9b7e4d1fb05c344f83e3b7e70a7d9807077be49b08baaa9896cec5b87aeb9af4",
                                sig.v2_signature(KEY, NONCE, TS, body))
    assert sig.v2_signature(KEY, NONCE, TS, body, inner_hmac=False) != \
        sig.v2_signature(KEY, NONCE, TS, body)


def test_kit_x_sign_matches_the_vector_6_8() -> None:
    body = (b'{"instanceId":"inst-001","tenantId":"t-001","tenantCode":"code1","name":"Demo Co",'
            b'"domainName":"demo","flag":1,"testFlag":1,"timeStamp":"20220420114117642"}')
    assert sig.kit_signature(KEY, NONCE, TS, body).lower() == \
        "9339b769a975eb3bda8e1e4df8b34869d822955e28cab03d78198a01a576bb07"


def test_v1_auth_token_matches_the_vector_6_8() -> None:
    params = {"activity": "newInstance", "businessId": "b-1", "customerId": "c-1",
              "orderId": "CS1", "productId": "P1", "skuCode": "S1", "testFlag": "1",
              "timeStamp": "20170725025113409"}
    assert sig.v1_auth_token(KEY, params) == "eLkQGnAvA92NYEot6F7qwRGKFdtB8xmrjdVeU0TnPCk="
    assert sig.v1_auth_token(KEY, {**params, "authToken": "x"}) == \
        "eLkQGnAvA92NYEot6F7qwRGKFdtB8xmrjdVeU0TnPCk="


def test_body_sign_matches_the_vector_6_4() -> None:
    body = b'{"resultCode":"000000","resultMsg":"success.","instanceId":"inst-001"}'
    assert sig.body_sign_value(KEY, body) == "IXCDOj5Pa4gUkgzMJvQoPup9q6TPeOUIZjdqEaIeFS0="
    header = sig.body_sign_header(KEY, body)
    assert header == ('sign_type="HMAC-SHA256", signature= '
                      '"IXCDOj5Pa4gUkgzMJvQoPup9q6TPeOUIZjdqEaIeFS0="')
    assert sig.body_sign_valid(KEY, body, header)
    assert sig.body_sign_valid(KEY, body, header.replace("= ", "="))  # tolerant of the space
    assert not sig.body_sign_valid(KEY, body + b" ", header)  # whitespace is signed too
    assert not sig.body_sign_valid(KEY, body, header.replace('"', ""))  # quotes required
    assert not sig.body_sign_valid(KEY, body, None)


@pytest.mark.parametrize(("bits", "key_hex", "output"), [
    (128, "a9802ffd48f02eb468187cbb4dd1781c",
     "ABCDEFGH12345678LAPRhs2ObhvbI3oJ98AZ4Hk1t0g7B4pFIH6qC+NrIgM="),
    (256, "a9802ffd48f02eb468187cbb4dd1781c3931f031184ba0fe44c92412d8156f24",
     "ABCDEFGH12345678EwRAi3cjVVSDMdNnJkwinqoHPCb1xz5v3n88sR1wzVw="),
])
def test_credential_cipher_matches_the_java_vectors_6_5(bits: int, key_hex: str,
                                                        output: str) -> None:
    assert sig.credential_key(KEY, bits).hex() == key_hex
    assert sig.encrypt_credential(KEY, "admin@example.com", bits=bits,
                                  iv="ABCDEFGH12345678") == output
    assert sig.decrypt_credential(KEY, output, bits=bits) == "admin@example.com"
    assert sig.looks_encrypted(output)


def test_a_credential_under_another_key_does_not_decrypt() -> None:
    value = sig.encrypt_credential("another key", "s3cret-password")
    with pytest.raises(sig.CredentialDecryptError):
        sig.decrypt_credential(KEY, value)
    assert not sig.looks_encrypted("plain password")
