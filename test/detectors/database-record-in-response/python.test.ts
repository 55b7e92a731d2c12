import { at, ruleTester } from '../harness';

ruleTester('database-record-in-response', 'python', {
  valid: [
    '@app.route("/me")\ndef me():\n    user = User.query.get(session["uid"])\n    return jsonify({"id": user.id, "email": user.email})',
    'def me(request):\n    return JsonResponse(model_to_dict(request.user, fields=["id", "username"]))',
    'def debug_dump(user):\n    return user.__dict__',
    '@app.route("/p")\ndef product():\n    return jsonify(product.__dict__)',
    'from fastapi import FastAPI\n@app.get("/users/{uid}", response_model=UserOut)\ndef get_user(uid: int, db: Session = Depends(get_db)):\n    user = db.query(User).filter(User.id == uid).first()\n    return user',
    'from fastapi import FastAPI\n@app.get("/items/{iid}")\ndef get_item(iid: int, db: Session = Depends(get_db)):\n    item = db.query(Item).get(iid)\n    return item',
    'settings = vars(args)\nprint(settings)',
  ],
  invalid: [
    { code: '@app.route("/me")\ndef me():\n    user = User.query.get(session["uid"])\n    return jsonify(user.__dict__)', errors: [{ line: 4, column: 20 }] },
    { code: 'def me(request):\n    return JsonResponse(model_to_dict(request.user))', errors: 1 },
    { code: '@app.get("/me")\ndef me(current_user = Depends(get_user)):\n    return vars(current_user)', errors: 1 },
    { code: 'def users(request):\n    return HttpResponse(serializers.serialize("json", User.objects.all()))', errors: 1 },
    { code: 'from fastapi import FastAPI\n@app.get("/users/{uid}")\ndef get_user(uid: int, db: Session = Depends(get_db)):\n    user = db.query(User).filter(User.id == uid).first()\n    return user', errors: [{ line: 5, column: 12 }] },
    { code: '@bp.route("/users")\ndef users():\n    return jsonify([u.__dict__ for u in User.query.all()])', errors: 1 },
  ],
});

// Django REST framework: a ModelSerializer over a user-like model with `fields = "__all__"`.
const drf = (model: string, fields = '"__all__"', extra = '') => [
  'from django.contrib.auth import get_user_model',
  'from django.contrib.auth.models import User',
  'from rest_framework import serializers',
  '',
  'class UserAdminSerializer(serializers.ModelSerializer):',
  extra,
  '    class Meta:',
  `        model = ${model}`,
  `        fields = ${fields}`,
  '',
].join('\n');
const drfUser = drf('User');
const drfFn = drf('get_user_model()', "'__all__'");

ruleTester('database-record-in-response', 'python', {
  valid: [
    drf('Post'),
    drf('UserProfile'),
    drf('User', '["id", "username", "email"]'),
    drf('User', '"__all__"', "    password = serializers.CharField(write_only=True)"),
    drf('User', `"__all__"\n        extra_kwargs = {"password": {"write_only": True}}`),
    // A form is not a response; a plain Serializer has no Meta model.
    'from django import forms\nclass UserForm(forms.ModelForm):\n    class Meta:\n        model = User\n        fields = "__all__"',
    'fields = "__all__"\nclass S(serializers.Serializer):\n    name = serializers.CharField()',
  ],
  invalid: [
    { code: drfUser, errors: [{ ...at(drfUser, 'fields = "__all__"', 'serializer'), confidence: 'medium' }] },
    { code: drfFn, errors: [at(drfFn, "fields = '__all__'", 'serializer')] },
  ],
});
